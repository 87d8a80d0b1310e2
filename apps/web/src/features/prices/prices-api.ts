import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PriceTableResponse, type SavePriceTableRequest } from '@vmsp/contracts';
import { api } from '../../app/api.ts';

const priceTableKey = ['price-table'] as const;

/** The price table: the newest version and every version, newest first; the IP Distribution dialog prices with it. */
export function usePriceTable() {
  return useQuery({
    queryKey: priceTableKey,
    queryFn: () => api.get('/api/price-table', PriceTableResponse),
  });
}

/** `Save`: stores the table as the next version; the answer is the table with it. */
export function useSavePriceTable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SavePriceTableRequest) => api.put('/api/price-table', body, PriceTableResponse),
    onSuccess: (saved) => queryClient.setQueryData(priceTableKey, saved),
  });
}

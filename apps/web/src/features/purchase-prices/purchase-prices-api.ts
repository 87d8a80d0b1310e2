import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PriceTableResponse, type SavePriceTableRequest } from '@vmsp/contracts';
import { api } from '../../app/api.ts';

const purchasePriceTableKey = ['purchase-price-table'] as const;

/** The purchase price table: the newest version and every version, newest first. */
export function usePurchasePriceTable() {
  return useQuery({
    queryKey: purchasePriceTableKey,
    queryFn: () => api.get('/api/purchase-price-table', PriceTableResponse),
  });
}

/** `Save`: stores the purchase table as the next version; the answer is the table with it. */
export function useSavePurchasePriceTable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SavePriceTableRequest) =>
      api.put('/api/purchase-price-table', body, PriceTableResponse),
    onSuccess: (saved) => queryClient.setQueryData(purchasePriceTableKey, saved),
  });
}

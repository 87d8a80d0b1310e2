import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type SaveStripeSettingsRequest, StripeSettingsView } from '@vmsp/contracts';
import { api } from '../../app/api.ts';

const stripeSettingsQueryKey = ['stripe-settings'] as const;

/** Settings → Stripe: never a secret, only whether one is stored. */
export function useStripeSettings() {
  return useQuery({
    queryKey: stripeSettingsQueryKey,
    queryFn: () => api.get('/api/settings/stripe', StripeSettingsView),
  });
}

/** `Save`: the server checks the keys with Stripe before it stores anything. */
export function useSaveStripeSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveStripeSettingsRequest) =>
      api.put('/api/settings/stripe', body, StripeSettingsView),
    onSuccess: (settings) => {
      queryClient.setQueryData(stripeSettingsQueryKey, settings);
      // Credit Card can be activated once the keys check out.
      return queryClient.invalidateQueries({ queryKey: ['payment-methods'] });
    },
  });
}

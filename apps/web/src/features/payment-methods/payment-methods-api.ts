import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type PaidMethod, PaymentMethodsResponse } from '@vmsp/contracts';
import { api, isApiError } from '../../app/api.ts';

const paymentMethodsQueryKey = ['payment-methods'] as const;

/** Billing → Payment Methods. */
export function usePaymentMethods() {
  return useQuery({
    queryKey: paymentMethodsQueryKey,
    queryFn: () => api.get('/api/payment-methods', PaymentMethodsResponse),
  });
}

/** Activates or deactivates one method; the answer is the whole list again. */
export function useSetPaymentMethodActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ method, active }: { method: PaidMethod; active: boolean }) =>
      api.put(`/api/payment-methods/${encodeURIComponent(method)}`, { active }, PaymentMethodsResponse),
    onSuccess: (methods) => queryClient.setQueryData(paymentMethodsQueryKey, methods),
    onError: (error) => {
      // The list shown is stale (the Stripe keys were removed meanwhile, another admin changed it).
      if (isApiError(error, 'STRIPE_NOT_CONFIGURED') || isApiError(error, 'CONFLICT'))
        return queryClient.invalidateQueries({ queryKey: paymentMethodsQueryKey });
    },
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  BillingCalendar,
  type IpDistributionRequest,
  PortalIpDistributionResult,
  PortalSubscription,
  PriceTableResponse,
} from '@vmsp/contracts';
import { DEFAULT_BILLING_TIME_ZONE } from '@vmsp/domain';
import { api, isApiError } from '../../app/api.ts';

/** The admin's price table; the IP Distribution dialog prices with its newest version. */
export function usePriceTable() {
  return useQuery({
    queryKey: ['price-table'],
    queryFn: () => api.get('/api/price-table', PriceTableResponse),
  });
}

/**
 * The provider's billing time zone. Changes apply at month boundaries in it, so dates are shown in it: shown in
 * the browser's zone, "1 July 00:00 Berlin" would read "30 June" in New York. It never changes while the portal
 * runs; until it has loaded, the default zone stands in.
 */
export function useBillingTimeZone(): string {
  const { data } = useQuery({
    queryKey: ['billing-calendar'],
    queryFn: () => api.get('/api/billing-calendar', BillingCalendar),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return data?.timeZone ?? DEFAULT_BILLING_TIME_ZONE;
}

const portalSubscriptionKey = ['portal', 'subscription'] as const;

/** The signed-in customer's subscription page, with the price table that prices its changes. */
export function usePortalSubscription() {
  return useQuery({
    queryKey: portalSubscriptionKey,
    queryFn: () => api.get('/api/portal/subscription', PortalSubscription),
  });
}

/** A self-service customer changes its own IP distribution (R-6.2, by the rules of ). */
export function useDistributeOwnIps() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IpDistributionRequest) =>
      api.put('/api/portal/subscription', body, PortalIpDistributionResult),
    onSuccess: (result) => queryClient.setQueryData(portalSubscriptionKey, result.subscription),
    onError: (error) => {
      // The page shows stale data (a teammate saved meanwhile, or the provider took over): load it again.
      if (isApiError(error, 'CONFLICT') || isApiError(error, 'MANAGED_BY_PROVIDER'))
        return queryClient.invalidateQueries({ queryKey: portalSubscriptionKey });
    },
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  BillingCalendar,
  type CardCheckoutRequest,
  CardCheckoutResponse,
  type IpDistributionRequest,
  PortalIpDistributionResult,
  PortalSubscription,
} from '@vmsp/contracts';
import { DEFAULT_BILLING_TIME_ZONE } from '@vmsp/domain';
import { api, isApiError } from '../../app/api.ts';

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

/** How often the page asks again while Stripe's confirmation of a checkout is awaited. */
const CHECKOUT_POLL_MS = 2000;

/**
 * The signed-in customer's subscription page, with the price table that prices its changes. Back from
 * Stripe Checkout (`pollWhilePending`), it asks again every 2 s until the webhook has confirmed the payment.
 */
export function usePortalSubscription({ pollWhilePending = false }: { pollWhilePending?: boolean } = {}) {
  return useQuery({
    queryKey: portalSubscriptionKey,
    queryFn: () => api.get('/api/portal/subscription', PortalSubscription),
    refetchInterval: (query) =>
      pollWhilePending && query.state.data?.cardBilling?.status === 'checkout-pending'
        ? CHECKOUT_POLL_MS
        : false,
  });
}

/**
 * Paying by card: the server opens a Stripe Checkout Session for the chosen distribution and answers
 * its URL; the caller sends the browser there. Stripe sends it back to `/portal/subscription?checkout=…`.
 */
export function useCardCheckout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CardCheckoutRequest) =>
      api.post('/api/portal/subscription/card-checkout', body, CardCheckoutResponse),
    onError: (error) => {
      // The offered methods or the subscription changed meanwhile: show what holds now.
      if (
        isApiError(error, 'CONFLICT') ||
        isApiError(error, 'MANAGED_BY_PROVIDER') ||
        isApiError(error, 'PAYMENT_METHOD_INACTIVE') ||
        isApiError(error, 'STRIPE_NOT_CONFIGURED')
      )
        return queryClient.invalidateQueries({ queryKey: portalSubscriptionKey });
    },
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
      if (
        isApiError(error, 'CONFLICT') ||
        isApiError(error, 'MANAGED_BY_PROVIDER') ||
        isApiError(error, 'PAYMENT_METHOD_INACTIVE')
      )
        return queryClient.invalidateQueries({ queryKey: portalSubscriptionKey });
    },
  });
}

import type { JobDefinition } from '../../jobs/queue.ts';
import type { CustomerSubscriptionsService } from '../customers/customer-subscriptions.service.ts';
import { STRIPE_EVENT_JOB, type StripeEventJob } from './card-payments.service.ts';

/**
 * Stripe events are processed here, not in the webhook request: the webhook answers at once, and a failure
 * (Stripe unreachable while re-reading the object) is retried with backoff.
 */
export function paymentJobs(customers: CustomerSubscriptionsService): JobDefinition<StripeEventJob>[] {
  return [
    {
      name: STRIPE_EVENT_JOB,
      queue: { retryLimit: 8, retryDelay: 10, retryBackoff: true },
      async handle(data) {
        await customers.handleStripeEvent(data);
      },
    },
  ];
}

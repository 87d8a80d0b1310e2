import type { JobDefinition } from '../../jobs/queue.ts';
import {
  STRIPE_EVENT_JOB,
  STRIPE_SYNC_JOB,
  type StripeEventJob,
  type StripeSyncJob,
} from './card-payments.service.ts';
import type { StripeEventsService } from './stripe-events.service.ts';
import type { StripeSyncService } from './stripe-sync.service.ts';

export {
  type PriceOfVersion,
  STRIPE_EVENT_JOB,
  STRIPE_SYNC_JOB,
  type StripeEventJob,
  type StripeSyncJob,
} from './card-payments.service.ts';

/**
 * Stripe events are processed here, not in the webhook request: the webhook answers at once, and a failure
 * (Stripe unreachable while re-reading the object) is retried with backoff. Changes of ours reach Stripe here
 * too, after the transaction that made them committed.
 */
export function cardPaymentJobs(
  events: StripeEventsService,
  sync: StripeSyncService,
): [JobDefinition<StripeEventJob>, JobDefinition<StripeSyncJob>] {
  return [
    {
      name: STRIPE_EVENT_JOB,
      // A few Stripe calls of at most 20 s each (the gateway's timeout) and one transaction: 2 minutes is ample.
      queue: { retryLimit: 8, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 },
      async handle(data) {
        await events.handle(data);
      },
    },
    {
      name: STRIPE_SYNC_JOB,
      // One customer's changes reach Stripe in the order they were made: a job waiting for its retry holds
      // back the customer's later ones. Retries go on for about two days (backoff capped at an hour), so an
      // outage of Stripe delays changes but loses none.
      queue: {
        policy: 'key_strict_fifo',
        retryLimit: 48,
        retryDelay: 10,
        retryBackoff: true,
        retryDelayMax: 3600,
        // As above; a job lost with a crashed process would otherwise hold back the customer's later changes.
        expireInSeconds: 120,
      },
      async handle(data) {
        await sync.perform(data);
      },
    },
  ];
}

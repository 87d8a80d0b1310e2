import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../jobs/queue.ts';
import type { StripeEventsService } from './stripe-events.service.ts';
import type { StripeSyncService } from './stripe-sync.service.ts';

/** A webhook event the portal acts on, queued by the webhook; its object is read back from Stripe. */
export const STRIPE_EVENT_JOB = defineJob({
  name: 'stripe.event',
  payload: z.object({ eventId: z.string().min(1), type: z.string().min(1), objectId: z.string().min(1) }),
});

export type StripeEventJob = z.infer<typeof STRIPE_EVENT_JOB.payload>;

/** The price-table version a Stripe Price is made of (carried by the job, so the job needs no other module). */
const PriceOfVersion = z.object({
  version: z.number().int(),
  currency: z.string().length(3),
  ranges: z.array(
    z.object({
      from: z.number().int(),
      to: z.number().int(),
      unitPriceMinor: z.number().int(),
      articleName: z.string(),
    }),
  ),
});

export type PriceOfVersion = z.infer<typeof PriceOfVersion>;

/**
 * A change of ours that the customer's Stripe Subscription follows: sent in the transaction of the change, so it
 * exists exactly when the change commits, and performed after commit. The queue runs one customer's jobs in the
 * order they were sent (`key_strict_fifo` on the customer id), so Stripe sees the changes in our order, also
 * when one had to be retried.
 */
export const STRIPE_SYNC_JOB = defineJob({
  name: 'stripe.subscription-sync',
  payload: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('quantity'),
      customerId: z.uuid(),
      /** The customer's version after the change: with the customer id, the idempotency key. */
      customerVersion: z.number().int(),
      subscriptionId: z.string().min(1),
      quantity: z.number().int().min(0),
      /** Now and prorated (an applied change), or at the period end. */
      applied: z.boolean(),
      price: PriceOfVersion,
    }),
    z.object({ kind: z.literal('cancel'), customerId: z.uuid(), subscriptionId: z.string().min(1) }),
  ]),
});

export type StripeSyncJob = z.infer<typeof STRIPE_SYNC_JOB.payload>;

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
      ...STRIPE_EVENT_JOB,
      // A few Stripe calls of at most 20 s each (the gateway's timeout) and one transaction: 2 minutes is ample.
      queue: { retryLimit: 8, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 },
      async handle(data) {
        await events.handle(data);
      },
    },
    {
      ...STRIPE_SYNC_JOB,
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

import type Stripe from 'stripe';
import { call } from './stripe-errors.ts';

// A card subscription's changes at Stripe: an upgrade now, a change at the period end, the end itself.
// The gateway makes these calls with its client; they set absolute values (a quantity, a schedule's phases), so
// running one again changes nothing.

/** The subscription and the portal change that causes a Stripe update: `<customerId>:<customerVersion>` keys it. */
export interface QuantityChange {
  subscriptionId: string;
  quantity: number;
  priceId: string;
  customerId: string;
  customerVersion: number;
}

/**
 * An instant upgrade: the new quantity (and price) now, the rest of the period prorated and invoiced at once.
 * A schedule still holding an earlier change for the period end is released first: this change supersedes it.
 */
export async function changeQuantityNow(
  stripe: Stripe,
  change: QuantityChange,
): Promise<Stripe.Subscription> {
  const subscription = await call(() => stripe.subscriptions.retrieve(change.subscriptionId));
  const item = onlyItem(subscription);
  if (subscription.schedule) await releaseSchedule(stripe, subscription.schedule);
  return call(() =>
    stripe.subscriptions.update(
      change.subscriptionId,
      {
        items: [{ id: item.id, price: change.priceId, quantity: change.quantity }],
        proration_behavior: 'always_invoice',
      },
      // The update invoices: the key keeps a retried request from invoicing twice.
      { idempotencyKey: `quantity:${change.customerId}:${change.customerVersion}` },
    ),
  );
}

/**
 * A change at the period end (a downgrade, or an upgrade that waits for the next month) through a subscription
 * schedule: the current phase runs unchanged until `current_period_end`, then one month with the new quantity,
 * after which the schedule releases the subscription, which goes on with it. A schedule already attached
 * (an earlier pending change) is reused and its phases replaced.
 */
export async function scheduleQuantityAtPeriodEnd(
  stripe: Stripe,
  change: QuantityChange,
): Promise<Stripe.SubscriptionSchedule> {
  const subscription = await call(() =>
    stripe.subscriptions.retrieve(change.subscriptionId, { expand: ['schedule'] }),
  );
  const item = onlyItem(subscription);
  const schedule =
    subscription.schedule && typeof subscription.schedule === 'object'
      ? subscription.schedule
      : await call(() =>
          stripe.subscriptionSchedules.create(
            { from_subscription: change.subscriptionId },
            { idempotencyKey: `schedule:${change.customerId}:${change.customerVersion}` },
          ),
        );
  return call(() =>
    stripe.subscriptionSchedules.update(schedule.id, {
      end_behavior: 'release',
      // Rewriting the phases must not bill anything now; the phase change itself falls on a period boundary.
      proration_behavior: 'none',
      phases: [
        {
          items: [{ price: item.price.id, quantity: item.quantity }],
          // Stripe refuses a different start for the phase that is running.
          start_date: schedule.current_phase?.start_date ?? item.current_period_start,
          end_date: item.current_period_end,
        },
        {
          items: [{ price: change.priceId, quantity: change.quantity }],
          duration: { interval: 'month', interval_count: 1 },
        },
      ],
    }),
  );
}

/**
 * Ends the subscription with the period the customer has paid for. Stripe refuses to change the cancellation
 * of a subscription a schedule manages, and a pending change is moot once it ends, so the schedule goes first.
 */
export async function cancelAtPeriodEnd(
  stripe: Stripe,
  subscriptionId: string,
): Promise<Stripe.Subscription> {
  const subscription = await call(() => stripe.subscriptions.retrieve(subscriptionId));
  if (subscription.schedule) await releaseSchedule(stripe, subscription.schedule);
  return call(() => stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true }));
}

async function releaseSchedule(
  stripe: Stripe,
  schedule: string | Stripe.SubscriptionSchedule,
): Promise<void> {
  const id = typeof schedule === 'string' ? schedule : schedule.id;
  await call(() => stripe.subscriptionSchedules.release(id));
}

/** Our subscriptions have one item: the IPs, priced by the version's tiered price. */
function onlyItem(subscription: Stripe.Subscription): Stripe.SubscriptionItem {
  const [item, ...others] = subscription.items.data;
  if (!item || others.length > 0) {
    throw new Error(
      `Subscription ${subscription.id} has ${subscription.items.data.length} items, expected 1`,
    );
  }
  return item;
}

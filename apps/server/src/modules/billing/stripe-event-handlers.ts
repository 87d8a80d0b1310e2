import type Stripe from 'stripe';
import type { Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { StripeGateway } from '../payments/stripe-gateway.ts';
import * as repo from './card-payments.repository.ts';
import { setPaymentFailedAt } from './list-columns.ts';
import { upsertStripeInvoice } from './stripe-invoices.repository.ts';
import { stripeInvoiceRow } from './stripe-invoices.ts';
import type { SubscriptionChange } from './subscription-change.ts';
import type { SubscriptionsService } from './subscriptions.service.ts';

/** A webhook event's object as read back from Stripe. */
export type StripeEventObject = Stripe.Checkout.Session | Stripe.Invoice | Stripe.Subscription;

/** What a handler works with: the transaction that also marks the event processed, and billing's own units. */
export interface StripeEventContext {
  tx: Tx;
  /** The id of the event's object at Stripe. */
  objectId: string;
  clock: Clock;
  audit: AuditService;
  subscriptions: SubscriptionsService;
  change: SubscriptionChange;
}

/** One event type the portal acts on. */
export interface StripeEventHandler {
  /** Reads the object back from Stripe, before the transaction begins: a webhook payload is not trusted. */
  read(gateway: StripeGateway, objectId: string): Promise<StripeEventObject>;
  handle(ctx: StripeEventContext, object: StripeEventObject): Promise<void>;
}

/** A Stripe reference, expanded or not, as its id. */
export const stripeIdOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

/** Stripe's events by the customer id they carry, never by a customer id of ours in the payload. */
async function billingOfStripeCustomer(tx: Tx, stripeCustomerId: string | null) {
  return stripeCustomerId ? repo.findCardBillingByStripeCustomer(tx, stripeCustomerId) : undefined;
}

/**
 * A completed Checkout starts the card subscription at once, with the split the customer chose (kept by us;
 * Stripe knows only the total). Ignored when the session is not ours, not complete, or superseded by a newer
 * checkout.
 */
async function checkoutCompleted(ctx: StripeEventContext, session: StripeEventObject): Promise<void> {
  const { tx, clock, change } = ctx;
  if (session.object !== 'checkout.session') return;
  const customerId = session.client_reference_id;
  const subscription = session.subscription;
  if (!customerId || session.status !== 'complete' || !subscription || typeof subscription === 'string')
    return;
  const billing = await repo.findCardBilling(tx, customerId);
  if (billing?.checkoutSessionId !== session.id) return;
  const quantity = subscription.items.data[0]?.quantity ?? 0;
  const internal = billing.requestedInternal ?? quantity;
  const external = billing.requestedExternal ?? 0;
  if (internal + external !== quantity) return;
  await repo.upsertCardBilling(tx, {
    ...billing,
    stripeSubscriptionId: subscription.id,
    status: 'active',
    updatedAt: clock.now(),
  });
  const c = await change.lock(tx, customerId);
  const { customer } = await change.change(tx, null, c, {
    total: quantity,
    internal,
    external,
    instant: true,
    paymentMethod: 'credit-card',
  });
  if (customer.paymentFailedAt) await setPaymentFailedAt(tx, customer, null, clock.now());
}

/** Keeps a card customer's invoice as Stripe has it now, to list it beside the portal's own. */
async function keepStripeInvoice(ctx: StripeEventContext, invoice: Stripe.Invoice, customerId: string) {
  const row = stripeInvoiceRow(invoice, customerId, ctx.clock.now());
  if (row) await upsertStripeInvoice(ctx.tx, row);
}

/** An invoice created, finalized, changed, voided or marked uncollectible at Stripe: kept as it is now. */
async function invoiceChanged(ctx: StripeEventContext, invoice: StripeEventObject): Promise<void> {
  if (invoice.object !== 'invoice') return;
  const billing = await billingOfStripeCustomer(ctx.tx, stripeIdOf(invoice.customer));
  if (billing) await keepStripeInvoice(ctx, invoice, billing.customerId);
}

/** An invoice paid clears a failed payment; a failed one is shown (and audited) until then. Both are kept. */
async function invoiceSettled(ctx: StripeEventContext, invoice: StripeEventObject): Promise<void> {
  const { tx, clock, audit, change } = ctx;
  if (invoice.object !== 'invoice') return;
  const billing = await billingOfStripeCustomer(tx, stripeIdOf(invoice.customer));
  if (!billing) return;
  await keepStripeInvoice(ctx, invoice, billing.customerId);
  const failed = invoice.status !== 'paid';
  await repo.upsertCardBilling(tx, {
    ...billing,
    status: failed ? 'past-due' : 'active',
    lastPaymentError: failed
      ? `The payment of invoice ${invoice.number ?? invoice.id} failed (attempt ${invoice.attempt_count}).`
      : null,
    updatedAt: clock.now(),
  });
  const c = await change.lock(tx, billing.customerId);
  const paymentFailedAt = failed ? (c.paymentFailedAt ?? clock.now()) : null;
  if (paymentFailedAt === c.paymentFailedAt) return;
  await setPaymentFailedAt(tx, c, paymentFailedAt, clock.now());
  await audit.record(tx, {
    actor: null,
    action: failed ? 'payment.failed' : 'payment.succeeded',
    objectType: 'customer',
    objectId: c.id,
    after: { invoice: ctx.objectId },
  });
}

/** The Stripe Subscription's state is shown; when it has ended, our card subscription ends too. */
async function subscriptionChanged(ctx: StripeEventContext, subscription: StripeEventObject): Promise<void> {
  const { tx, clock, subscriptions, change } = ctx;
  if (subscription.object !== 'subscription') return;
  const billing = await billingOfStripeCustomer(tx, stripeIdOf(subscription.customer));
  if (!billing || billing.stripeSubscriptionId !== subscription.id) return;
  const ended = subscription.status === 'canceled' || subscription.status === 'incomplete_expired';
  const status = ended
    ? 'canceled'
    : subscription.status === 'past_due' || subscription.status === 'unpaid'
      ? 'past-due'
      : 'active';
  await repo.upsertCardBilling(tx, { ...billing, status, updatedAt: clock.now() });
  if (!ended) return;
  const c = await change.lock(tx, billing.customerId);
  if ((await subscriptions.running(tx, c.id))?.paymentMethod === 'credit-card') {
    await change.cancel(tx, null, c);
  }
}

const checkoutSession: StripeEventHandler = {
  read: (gateway, id) => gateway.retrieveCheckoutSession(id),
  handle: checkoutCompleted,
};
const invoice: StripeEventHandler = {
  read: (gateway, id) => gateway.retrieveInvoice(id),
  handle: invoiceSettled,
};
const invoiceState: StripeEventHandler = {
  read: (gateway, id) => gateway.retrieveInvoice(id),
  handle: invoiceChanged,
};
const subscription: StripeEventHandler = {
  read: (gateway, id) => gateway.retrieveSubscription(id),
  handle: subscriptionChanged,
};

/** The events the portal acts on, by type; every other type is acknowledged and ignored. */
export const stripeEventHandlers: ReadonlyMap<string, StripeEventHandler> = new Map([
  ['checkout.session.completed', checkoutSession],
  ['invoice.paid', invoice],
  ['invoice.payment_failed', invoice],
  ['invoice.created', invoiceState],
  ['invoice.finalized', invoiceState],
  ['invoice.updated', invoiceState],
  ['invoice.voided', invoiceState],
  ['invoice.marked_uncollectible', invoiceState],
  ['customer.subscription.updated', subscription],
  ['customer.subscription.deleted', subscription],
]);

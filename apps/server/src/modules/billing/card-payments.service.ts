import type { CardBillingView } from '@vmsp/contracts';
import type Stripe from 'stripe';
import type { Config } from '../../config.ts';
import type { Database, Executor, Tx } from '../../db/connection.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import {
  type PriceRangeInput,
  StripeRejected,
  StripeUnavailable,
  WebhookSignatureInvalid,
} from '../payments/stripe-gateway.ts';
import { type StripeSettingsService, stripeUnavailable } from '../payments/stripe-settings.service.ts';
import type { PriceVersionRecord } from '../prices/prices.service.ts';
import * as repo from './card-payments.repository.ts';

export const STRIPE_EVENT_JOB = 'stripe.event';
export const STRIPE_SYNC_JOB = 'stripe.subscription-sync';

/** The events the portal acts on; every other type is acknowledged and ignored. */
const HANDLED_EVENTS = new Set([
  'checkout.session.completed',
  'invoice.paid',
  'invoice.payment_failed',
  'customer.subscription.updated',
  'customer.subscription.deleted',
]);

export interface StripeEventJob {
  eventId: string;
  type: string;
  objectId: string;
}

/** A webhook event's object as read back from Stripe. */
export type StripeEventObject = Stripe.Checkout.Session | Stripe.Invoice | Stripe.Subscription;

/** The price-table version a Stripe Price is made of (carried by the job, so the job needs no other module). */
interface PriceOfVersion {
  version: number;
  currency: string;
  ranges: PriceRangeInput[];
}

/**
 * A change of ours that the customer's Stripe Subscription follows: sent in the transaction of the change, so it
 * exists exactly when the change commits, and performed after commit. The queue runs one customer's jobs in the
 * order they were sent (`key_strict_fifo` on the customer id), so Stripe sees the changes in our order, also
 * when one had to be retried.
 */
export type StripeSyncJob =
  | {
      kind: 'quantity';
      customerId: string;
      /** The customer's version after the change: with the customer id, the idempotency key. */
      customerVersion: number;
      subscriptionId: string;
      quantity: number;
      /** Now and prorated (an applied change), or at the period end. */
      applied: boolean;
      price: PriceOfVersion;
    }
  | { kind: 'cancel'; customerId: string; subscriptionId: string };

/** What a Checkout Session created at Stripe is recorded as, in the transaction after the call. */
export interface CreatedCheckout {
  stripeCustomerId: string;
  sessionId: string;
  url: string;
  internal: number;
  external: number;
}

const signatureInvalid = (message: string) =>
  new AppError('WEBHOOK_SIGNATURE_INVALID', 400, `The webhook signature is not valid: ${message}`);

const stripeIdOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

/** What a completed Checkout means for the portal, read back from Stripe. */
export interface CheckoutOutcome {
  customerId: string;
  stripeSubscriptionId: string;
  quantity: number;
  internal: number;
  external: number;
}

/**
 * Card payments through Stripe for self-service customers: Checkout, the Stripe Customer and Subscription
 * kept in step with ours, and webhooks. The portal never sees card data. Webhook payloads are not trusted: a
 * job re-reads each object from Stripe before anything changes.
 *
 * No Stripe call runs inside a database transaction: a call may take up to 20 s, and a transaction holding the
 * customer's row (on the embedded database, the only connection) for that long would stop everyone else. A
 * change records what Stripe must do as a job in its own transaction, the job calls Stripe after commit, and
 * what Stripe answered is recorded in a transaction of its own; Checkout, which the user waits for, calls
 * Stripe between the transaction that checks the order and the one that records the session.
 */
export class CardPaymentsService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #stripe: StripeSettingsService;
  readonly #jobs: JobQueue;
  readonly #config: Pick<Config, 'publicUrl' | 'billingTimeZone'>;
  readonly #audit: AuditService;

  constructor(deps: {
    db: Database;
    clock: Clock;
    stripe: StripeSettingsService;
    jobs: JobQueue;
    config: Pick<Config, 'publicUrl' | 'billingTimeZone'>;
    audit: AuditService;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#stripe = deps.stripe;
    this.#jobs = deps.jobs;
    this.#config = deps.config;
    this.#audit = deps.audit;
  }

  /**
   * `POST /api/stripe/webhook`: verifies the signature over the raw body (300 s tolerance), stores the event id
   * once and queues its processing in the same transaction, so the answer is fast and a redelivery is a no-op.
   */
  async receiveWebhook(rawBody: Buffer, signature: string | undefined): Promise<{ duplicate: boolean }> {
    const secret = await this.#stripe.webhookSecret();
    if (!secret) throw signatureInvalid('no webhook signing secret is configured');
    if (!signature) throw signatureInvalid('the Stripe-Signature header is missing');
    let event: Stripe.Event;
    try {
      event = (await this.#stripe.gateway()).constructWebhookEvent(rawBody, signature, secret);
    } catch (error) {
      if (error instanceof WebhookSignatureInvalid) throw signatureInvalid(error.message);
      throw error;
    }
    const objectId = stripeIdOf(event.data.object as { id: string });
    return this.#db.transaction(async (tx) => {
      const fresh = await repo.insertEvent(tx, {
        id: event.id,
        type: event.type,
        receivedAt: this.#clock.now(),
      });
      if (!fresh) return { duplicate: true };
      if (HANDLED_EVENTS.has(event.type) && objectId) {
        await this.#jobs.send<StripeEventJob>(
          STRIPE_EVENT_JOB,
          { eventId: event.id, type: event.type, objectId },
          { tx, singletonKey: event.id },
        );
      }
      return { duplicate: false };
    });
  }

  markProcessed(tx: Tx, eventId: string): Promise<void> {
    return repo.markEventProcessed(tx, eventId, this.#clock.now());
  }

  /**
   * The card state the row, details and portal show. When the last payment failed is the customer's own fact
   * (`paymentFailedAt`, set and cleared by the invoice events), not a second copy kept here.
   */
  async view(
    executor: Executor,
    customer: { id: string; paymentFailedAt: Date | null },
  ): Promise<CardBillingView | null> {
    const row = await repo.findCardBilling(executor, customer.id);
    return row
      ? {
          status: row.status,
          lastPaymentError: row.lastPaymentError,
          lastPaymentFailedAt: customer.paymentFailedAt?.toISOString() ?? null,
        }
      : null;
  }

  async stripeSubscriptionOf(executor: Executor, customerId: string): Promise<string | null> {
    return (await repo.findCardBilling(executor, customerId))?.stripeSubscriptionId ?? null;
  }

  /**
   * Creates a Checkout Session for a self-service customer, outside any transaction: the Stripe Customer and the
   * price-table version's Stripe Price are created on first use; billing is anchored to the next billing month's
   * start. The caller records the result with `recordCheckout`.
   */
  async createCheckout(
    customer: { id: string; version: number; contactEmail: string; companyName: string },
    order: { internal: number; external: number; version: PriceVersionRecord; billingAnchor: Date },
  ): Promise<CreatedCheckout> {
    const gateway = await this.#stripe.gateway();
    const existing = await repo.findCardBilling(this.#db, customer.id);
    const stripeCustomerId =
      existing?.stripeCustomerId ??
      (await this.#call(() =>
        gateway.ensureCustomer({
          customerId: customer.id,
          email: customer.contactEmail,
          companyName: customer.companyName,
        }),
      ));
    const priceId = await this.#call(() => this.#stripePriceOf(order.version));
    const session = await this.#call(() =>
      gateway.createCheckoutSession({
        stripeCustomerId,
        priceId,
        quantity: order.internal + order.external,
        successUrl: `${this.#config.publicUrl}/portal/subscription?checkout=success`,
        cancelUrl: `${this.#config.publicUrl}/portal/subscription?checkout=cancelled`,
        customerId: customer.id,
        customerVersion: customer.version,
        billingAnchor: order.billingAnchor,
      }),
    );
    return {
      stripeCustomerId,
      sessionId: session.id,
      url: session.url,
      internal: order.internal,
      external: order.external,
    };
  }

  /** Records a created Checkout Session: the customer's checkout is pending until Stripe confirms it. */
  async recordCheckout(tx: Tx, customerId: string, checkout: CreatedCheckout): Promise<void> {
    const existing = await repo.findCardBilling(tx, customerId);
    await repo.upsertCardBilling(tx, {
      customerId,
      stripeCustomerId: checkout.stripeCustomerId,
      stripeSubscriptionId: existing?.stripeSubscriptionId ?? null,
      checkoutSessionId: checkout.sessionId,
      requestedInternal: checkout.internal,
      requestedExternal: checkout.external,
      status: 'checkout-pending',
      lastPaymentError: existing?.lastPaymentError ?? null,
      updatedAt: this.#clock.now(),
    });
  }

  /**
   * A webhook event's object, read back from Stripe before any transaction begins; null for a type the portal
   * does not act on. Stripe unreachable throws, and the job is retried.
   */
  async readEventObject(job: StripeEventJob): Promise<StripeEventObject | null> {
    const gateway = await this.#stripe.gateway();
    switch (job.type) {
      case 'checkout.session.completed':
        return gateway.retrieveCheckoutSession(job.objectId);
      case 'invoice.paid':
      case 'invoice.payment_failed':
        return gateway.retrieveInvoice(job.objectId);
      case 'customer.subscription.updated':
      case 'customer.subscription.deleted':
        return gateway.retrieveSubscription(job.objectId);
      default:
        return null;
    }
  }

  /**
   * A completed Checkout, read from Stripe: whose it is, its Stripe Subscription and quantity, and the split the
   * customer chose (kept by us; Stripe knows only the total). Null when the session is not ours, not complete,
   * or superseded by a newer checkout.
   */
  async checkoutOutcome(tx: Tx, session: StripeEventObject | null): Promise<CheckoutOutcome | null> {
    if (session?.object !== 'checkout.session') return null;
    const sessionId = session.id;
    const customerId = session.client_reference_id;
    const subscription = session.subscription;
    if (!customerId || session.status !== 'complete' || !subscription || typeof subscription === 'string') {
      return null;
    }
    const billing = await repo.findCardBilling(tx, customerId);
    if (billing?.checkoutSessionId !== sessionId) return null;
    const quantity = subscription.items.data[0]?.quantity ?? 0;
    const internal = billing.requestedInternal ?? quantity;
    const external = billing.requestedExternal ?? 0;
    if (internal + external !== quantity) return null;
    await repo.upsertCardBilling(tx, {
      ...billing,
      stripeSubscriptionId: subscription.id,
      status: 'active',
      updatedAt: this.#clock.now(),
    });
    return { customerId, stripeSubscriptionId: subscription.id, quantity, internal, external };
  }

  /** An invoice's outcome, read from Stripe: paid clears a failure, a failed one is shown until then. */
  async invoiceOutcome(
    tx: Tx,
    invoice: StripeEventObject | null,
  ): Promise<{ customerId: string; failed: boolean } | null> {
    if (invoice?.object !== 'invoice') return null;
    const billing = await this.#billingOfStripeCustomer(tx, stripeIdOf(invoice.customer));
    if (!billing) return null;
    const failed = invoice.status !== 'paid';
    await repo.upsertCardBilling(tx, {
      ...billing,
      status: failed ? 'past-due' : 'active',
      lastPaymentError: failed
        ? `The payment of invoice ${invoice.number ?? invoice.id} failed (attempt ${invoice.attempt_count}).`
        : null,
      updatedAt: this.#clock.now(),
    });
    return { customerId: billing.customerId, failed };
  }

  /** A Stripe Subscription's state, read from Stripe: ended means our subscription ends too. */
  async subscriptionOutcome(
    tx: Tx,
    subscription: StripeEventObject | null,
  ): Promise<{ customerId: string; ended: boolean } | null> {
    if (subscription?.object !== 'subscription') return null;
    const billing = await this.#billingOfStripeCustomer(tx, stripeIdOf(subscription.customer));
    if (!billing || billing.stripeSubscriptionId !== subscription.id) return null;
    const ended = subscription.status === 'canceled' || subscription.status === 'incomplete_expired';
    const status = ended
      ? 'canceled'
      : subscription.status === 'past_due' || subscription.status === 'unpaid'
        ? 'past-due'
        : 'active';
    await repo.upsertCardBilling(tx, { ...billing, status, updatedAt: this.#clock.now() });
    return { customerId: billing.customerId, ended };
  }

  /**
   * Keeps the Stripe Subscription's quantity in step with a change of ours: now and prorated for an
   * instant upgrade, at the period end (= the billing month's end, where billing is anchored) otherwise.
   * Queued in the change's transaction; Stripe is called after commit (`syncSubscription`).
   */
  async syncQuantity(
    tx: Tx,
    customer: { id: string; version: number },
    change: { total: number; applied: boolean; version: PriceVersionRecord },
  ): Promise<void> {
    const billing = await repo.findCardBilling(tx, customer.id);
    if (!billing?.stripeSubscriptionId) return;
    const { version, currency, ranges } = change.version;
    await this.#sendSync(tx, {
      kind: 'quantity',
      customerId: customer.id,
      customerVersion: customer.version,
      subscriptionId: billing.stripeSubscriptionId,
      quantity: change.total,
      applied: change.applied,
      price: {
        version,
        currency,
        ranges: ranges.map(({ from, to, unitPriceMinor, articleName }) => ({
          from,
          to,
          unitPriceMinor,
          articleName,
        })),
      },
    });
  }

  /**
   * Ends the Stripe Subscription with ours (Cancel Active Subscription, the purge): no further invoices. Queued
   * in the transaction that ends ours; the job carries the Stripe id, so it also runs after a purge.
   */
  async cancel(tx: Tx, customerId: string): Promise<void> {
    const billing = await repo.findCardBilling(tx, customerId);
    if (!billing?.stripeSubscriptionId || billing.status === 'canceled') return;
    await this.#sendSync(tx, { kind: 'cancel', customerId, subscriptionId: billing.stripeSubscriptionId });
  }

  /**
   * The `stripe.subscription-sync` job: performs one queued change at Stripe, outside any transaction. Stripe
   * unreachable throws (the job is retried with backoff, and the customer's later changes wait behind it);
   * Stripe refusing is final and recorded in the audit log in a transaction of its own.
   */
  async syncSubscription(job: StripeSyncJob): Promise<void> {
    try {
      const gateway = await this.#stripe.gateway();
      if (job.kind === 'cancel') {
        await gateway.cancelAtPeriodEnd(job.subscriptionId);
        return;
      }
      const change = {
        subscriptionId: job.subscriptionId,
        quantity: job.quantity,
        priceId: await this.#stripePriceOf(job.price),
        customerId: job.customerId,
        customerVersion: job.customerVersion,
      };
      await (job.applied ? gateway.changeQuantityNow(change) : gateway.scheduleQuantityAtPeriodEnd(change));
    } catch (error) {
      const refusal =
        error instanceof StripeRejected ||
        (error instanceof AppError && error.code === 'STRIPE_NOT_CONFIGURED');
      if (!refusal) throw error;
      await this.#db.transaction((tx) =>
        this.#audit.record(tx, {
          actor: null,
          action: 'stripe.sync-refused',
          objectType: 'customer',
          objectId: job.customerId,
          after: {
            change: job.kind === 'cancel' ? 'cancel' : { quantity: job.quantity, applied: job.applied },
            subscription: job.subscriptionId,
            message: error.message,
          },
        }),
      );
    }
  }

  async #sendSync(tx: Tx, job: StripeSyncJob): Promise<void> {
    await this.#jobs.send<StripeSyncJob>(STRIPE_SYNC_JOB, job, { tx, singletonKey: job.customerId });
  }

  async #billingOfStripeCustomer(executor: Executor, stripeCustomerId: string | null) {
    return stripeCustomerId ? repo.findCardBillingByStripeCustomer(executor, stripeCustomerId) : undefined;
  }

  /**
   * The Stripe Price of a price-table version, created at Stripe on first use (outside any transaction; the
   * idempotency key makes two callers at once get the same one), then stored.
   */
  async #stripePriceOf(version: PriceOfVersion): Promise<string> {
    const known = await repo.findStripePrice(this.#db, version.version);
    if (known) return known.stripePriceId;
    const gateway = await this.#stripe.gateway();
    const created = await gateway.createTieredPrice({
      version: version.version,
      currency: version.currency,
      ranges: version.ranges,
    });
    await repo.insertStripePrice(this.#db, {
      priceVersion: version.version,
      stripeProductId: created.productId,
      stripePriceId: created.priceId,
      createdAt: this.#clock.now(),
    });
    return (await repo.findStripePrice(this.#db, version.version))?.stripePriceId ?? created.priceId;
  }

  /** Stripe's refusals reach the user with Stripe's message; other failures stay errors. */
  async #call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof StripeRejected) {
        throw new AppError('STRIPE_REJECTED', 502, `Stripe refused the request: ${error.message}`);
      }
      if (error instanceof StripeUnavailable) throw stripeUnavailable();
      throw error;
    }
  }
}

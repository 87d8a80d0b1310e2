import type { CardBillingView } from '@vmsp/contracts';
import type Stripe from 'stripe';
import type { Config } from '../../config.ts';
import type { Database, Executor, Tx } from '../../db/connection.ts';
import { AppError } from '../../http/errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../../lib/clock.ts';
import type { PriceVersionRecord } from '../prices/prices.service.ts';
import * as repo from './card-payments.repository.ts';
import { StripeRejected, StripeUnavailable, WebhookSignatureInvalid } from './stripe-gateway.ts';
import { type StripeSettingsService, stripeUnavailable } from './stripe-settings.service.ts';

export const STRIPE_EVENT_JOB = 'stripe.event';

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
 */
export class CardPaymentsService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #stripe: StripeSettingsService;
  readonly #jobs: JobQueue;
  readonly #config: Pick<Config, 'publicUrl' | 'billingTimeZone'>;

  constructor(deps: {
    db: Database;
    clock: Clock;
    stripe: StripeSettingsService;
    jobs: JobQueue;
    config: Pick<Config, 'publicUrl' | 'billingTimeZone'>;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#stripe = deps.stripe;
    this.#jobs = deps.jobs;
    this.#config = deps.config;
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
   * Starts a Checkout Session for a self-service customer: the Stripe Customer and the price-table version's
   * Stripe Price are created on first use; billing is anchored to the next billing month's start.
   */
  async startCheckout(
    tx: Tx,
    customer: { id: string; version: number; contactEmail: string; companyName: string },
    order: { internal: number; external: number; version: PriceVersionRecord; billingAnchor: Date },
  ): Promise<string> {
    const gateway = await this.#stripe.gateway(tx);
    const existing = await repo.findCardBilling(tx, customer.id);
    const stripeCustomerId =
      existing?.stripeCustomerId ??
      (await this.#call(() =>
        gateway.ensureCustomer({
          customerId: customer.id,
          email: customer.contactEmail,
          companyName: customer.companyName,
        }),
      ));
    const priceId = await this.#stripePriceOf(tx, order.version);
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
    await repo.upsertCardBilling(tx, {
      customerId: customer.id,
      stripeCustomerId,
      stripeSubscriptionId: existing?.stripeSubscriptionId ?? null,
      checkoutSessionId: session.id,
      requestedInternal: order.internal,
      requestedExternal: order.external,
      status: 'checkout-pending',
      lastPaymentError: existing?.lastPaymentError ?? null,
      updatedAt: this.#clock.now(),
    });
    return session.url;
  }

  /**
   * A completed Checkout, read from Stripe: whose it is, its Stripe Subscription and quantity, and the split the
   * customer chose (kept by us; Stripe knows only the total). Null when the session is not ours, not complete,
   * or superseded by a newer checkout.
   */
  async checkoutOutcome(tx: Tx, sessionId: string): Promise<CheckoutOutcome | null> {
    const session = await (await this.#stripe.gateway(tx)).retrieveCheckoutSession(sessionId);
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
  async invoiceOutcome(tx: Tx, invoiceId: string): Promise<{ customerId: string; failed: boolean } | null> {
    const invoice = await (await this.#stripe.gateway(tx)).retrieveInvoice(invoiceId);
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
    subscriptionId: string,
  ): Promise<{ customerId: string; ended: boolean } | null> {
    const subscription = await (await this.#stripe.gateway(tx)).retrieveSubscription(subscriptionId);
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
   */
  async syncQuantity(
    tx: Tx,
    customer: { id: string; version: number },
    change: { total: number; applied: boolean; version: PriceVersionRecord },
  ): Promise<void> {
    const billing = await repo.findCardBilling(tx, customer.id);
    if (!billing?.stripeSubscriptionId) return;
    const gateway = await this.#stripe.gateway(tx);
    const quantityChange = {
      subscriptionId: billing.stripeSubscriptionId,
      quantity: change.total,
      priceId: await this.#stripePriceOf(tx, change.version),
      customerId: customer.id,
      customerVersion: customer.version,
    };
    await this.#call<unknown>(() =>
      change.applied
        ? gateway.changeQuantityNow(quantityChange)
        : gateway.scheduleQuantityAtPeriodEnd(quantityChange),
    );
  }

  /** Ends the Stripe Subscription with ours (Cancel Active Subscription): no further invoices. */
  async cancel(tx: Tx, customerId: string): Promise<void> {
    const billing = await repo.findCardBilling(tx, customerId);
    if (!billing?.stripeSubscriptionId || billing.status === 'canceled') return;
    const gateway = await this.#stripe.gateway(tx);
    await this.#call(() => gateway.cancelAtPeriodEnd(billing.stripeSubscriptionId as string));
  }

  async #billingOfStripeCustomer(executor: Executor, stripeCustomerId: string | null) {
    return stripeCustomerId ? repo.findCardBillingByStripeCustomer(executor, stripeCustomerId) : undefined;
  }

  async #stripePriceOf(tx: Tx, version: PriceVersionRecord): Promise<string> {
    const known = await repo.findStripePrice(tx, version.version);
    if (known) return known.stripePriceId;
    const gateway = await this.#stripe.gateway(tx);
    const created = await this.#call(() =>
      gateway.createTieredPrice({
        version: version.version,
        currency: version.currency,
        ranges: version.ranges,
      }),
    );
    await repo.insertStripePrice(tx, {
      priceVersion: version.version,
      stripeProductId: created.productId,
      stripePriceId: created.priceId,
      createdAt: this.#clock.now(),
    });
    return created.priceId;
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

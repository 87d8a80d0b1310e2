import Stripe from 'stripe';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { call, WebhookSignatureInvalid } from './stripe-errors.ts';
import type { QuantityChange } from './stripe-subscription-changes.ts';
import * as subscriptionChanges from './stripe-subscription-changes.ts';

export interface StripeGatewayOptions {
  secretKey: string;
  /** Where the API is, e.g. `http://127.0.0.1:12345` for the tests' fake; Stripe itself when undefined. */
  apiBase?: string;
  /** Decides a webhook's age; the portal's clock, so tests that move time sign with the same time. */
  clock?: Clock;
}

export interface PriceRangeInput {
  from: number;
  to: number;
  unitPriceMinor: number;
  articleName: string;
}

const PRODUCT_NAME = 'vMSP IP scanning';

/** Stripe's own default, written out because the webhook route's contract depends on it. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** Long enough for a slow answer, short enough that a dead network does not hold a request or a job worker. */
const TIMEOUT_MS = 20_000;

/**
 * The few Stripe calls the portal makes, through the official SDK. Every call that creates something at
 * Stripe carries an idempotency key derived from our own ids, so a job that runs again after a crash gets the
 * object it created the first time instead of a second one (Stripe keeps a key for 24 hours). Updates set
 * absolute values (a quantity, a schedule's phases), so running them again changes nothing.
 */
export class StripeGateway {
  readonly #stripe: Stripe;
  readonly #livemode: boolean;
  readonly #clock: Clock;

  constructor({ secretKey, apiBase, clock = systemClock }: StripeGatewayOptions) {
    this.#stripe = new Stripe(secretKey, { timeout: TIMEOUT_MS, ...(apiBase ? hostOptions(apiBase) : {}) });
    // The Account object carries no livemode: the key decides the mode (sk_live_/rk_live_ against sk_test_).
    this.#livemode = /^(sk|rk)_live_/.test(secretKey);
    this.#clock = clock;
  }

  /** Whether Stripe accepts the key (Settings → Stripe, `Save`), and the account it belongs to. */
  async checkKeys(): Promise<{ accountId: string; livemode: boolean }> {
    const account = await call(() => this.#stripe.accounts.retrieveCurrent());
    return { accountId: account.id, livemode: this.#livemode };
  }

  /**
   * Creates the Stripe Customer of one of our customers and returns its id. The caller stores that id and
   * calls this only while none is stored; the key makes a retry within Stripe's 24 hours return the same one.
   */
  async ensureCustomer(input: { customerId: string; email: string; companyName: string }): Promise<string> {
    const customer = await call(() =>
      this.#stripe.customers.create(
        { email: input.email, name: input.companyName, metadata: { portal_customer_id: input.customerId } },
        { idempotencyKey: `customer:${input.customerId}` },
      ),
    );
    return customer.id;
  }

  /**
   * One Product and one recurring monthly Price for a price-table version, graduated like our table: each
   * range becomes a tier up to its last IP count. Stripe requires the last tier to be open (`up_to: 'inf'`),
   * so the table's end is not Stripe's to enforce: the portal never sends a quantity above it, because every
   * IP distribution is validated against the table before any Stripe call.
   */
  async createTieredPrice(input: {
    version: number;
    currency: string;
    ranges: PriceRangeInput[];
  }): Promise<{ productId: string; priceId: string }> {
    const { version, ranges } = input;
    if (ranges.length === 0) throw new RangeError('A price table has at least one range');
    const metadata = { price_version: String(version) };
    const product = await call(() =>
      this.#stripe.products.create(
        {
          name: PRODUCT_NAME,
          // Stripe's tiers have no names: the articles are written where the dashboard shows them.
          description: ranges.map((r) => `${r.from}–${r.to} IPs: ${r.articleName}`).join('; '),
          metadata,
        },
        { idempotencyKey: `product:${version}` },
      ),
    );
    const price = await call(() =>
      this.#stripe.prices.create(
        {
          product: product.id,
          currency: input.currency.toLowerCase(),
          nickname: `Price table version ${version}`,
          recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed' },
          billing_scheme: 'tiered',
          tiers_mode: 'graduated',
          tiers: ranges.map((range, i) => ({
            up_to: i === ranges.length - 1 ? ('inf' as const) : range.to,
            unit_amount: range.unitPriceMinor,
          })),
          metadata,
        },
        { idempotencyKey: `price:${version}` },
      ),
    );
    return { productId: product.id, priceId: price.id };
  }

  /**
   * A hosted Checkout Session that starts the card subscription. Billing is anchored to the next month's start
   * (`billingAnchor`), and the days until then are charged prorated at once. The key names the change and
   * what it buys, so a retry reuses the session and a different quantity or month gets a new one.
   */
  async createCheckoutSession(input: {
    stripeCustomerId: string;
    priceId: string;
    quantity: number;
    successUrl: string;
    cancelUrl: string;
    customerId: string;
    customerVersion: number;
    billingAnchor: Date;
  }): Promise<{ id: string; url: string }> {
    const anchor = unixSeconds(input.billingAnchor);
    const metadata = { portal_customer_id: input.customerId };
    const session = await call(() =>
      this.#stripe.checkout.sessions.create(
        {
          mode: 'subscription',
          customer: input.stripeCustomerId,
          client_reference_id: input.customerId,
          line_items: [{ price: input.priceId, quantity: input.quantity }],
          subscription_data: {
            billing_cycle_anchor: anchor,
            proration_behavior: 'create_prorations',
            metadata,
          },
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
          metadata,
        },
        {
          idempotencyKey: `checkout:${input.customerId}:${input.customerVersion}:${input.priceId}:${input.quantity}:${anchor}`,
        },
      ),
    );
    if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a URL`);
    return { id: session.id, url: session.url };
  }

  retrieveCheckoutSession(id: string): Promise<Stripe.Checkout.Session> {
    return call(() => this.#stripe.checkout.sessions.retrieve(id, { expand: ['subscription'] }));
  }

  retrieveSubscription(id: string): Promise<Stripe.Subscription> {
    return call(() => this.#stripe.subscriptions.retrieve(id));
  }

  retrieveInvoice(id: string): Promise<Stripe.Invoice> {
    return call(() => this.#stripe.invoices.retrieve(id));
  }

  /** An instant upgrade, the rest of the period invoiced at once (stripe-subscription-changes.ts). */
  changeQuantityNow(change: QuantityChange): Promise<Stripe.Subscription> {
    return subscriptionChanges.changeQuantityNow(this.#stripe, change);
  }

  /** A change from the period end on, through a subscription schedule (stripe-subscription-changes.ts). */
  scheduleQuantityAtPeriodEnd(change: QuantityChange): Promise<Stripe.SubscriptionSchedule> {
    return subscriptionChanges.scheduleQuantityAtPeriodEnd(this.#stripe, change);
  }

  /** Ends the subscription with the period paid for (stripe-subscription-changes.ts). */
  cancelAtPeriodEnd(subscriptionId: string): Promise<Stripe.Subscription> {
    return subscriptionChanges.cancelAtPeriodEnd(this.#stripe, subscriptionId);
  }

  cancelNow(subscriptionId: string): Promise<Stripe.Subscription> {
    return call(() => this.#stripe.subscriptions.cancel(subscriptionId));
  }

  /**
   * Verifies a webhook over its raw body (re-serialised JSON would not match the signature) and parses it.
   * A bad signature or a timestamp older than the tolerance throws WebhookSignatureInvalid.
   */
  constructWebhookEvent(
    rawBody: string | Buffer,
    signatureHeader: string,
    webhookSecret: string,
  ): Stripe.Event {
    try {
      return this.#stripe.webhooks.constructEvent(
        rawBody,
        signatureHeader,
        webhookSecret,
        WEBHOOK_TOLERANCE_SECONDS,
        undefined,
        this.#clock.now().getTime(),
      );
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        throw new WebhookSignatureInvalid(error.message, { cause: error });
      }
      throw error;
    }
  }
}

function hostOptions(apiBase: string): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  const url = new URL(apiBase);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`The Stripe API base must be an http(s) URL, got ${apiBase}`);
  }
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol };
}

function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

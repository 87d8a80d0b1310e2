import { nextBillingMonthStart } from '@vmsp/domain';
import type { Config } from '../../config.ts';
import type { Database, Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { StripeRejected, StripeUnavailable } from '../payments/stripe-errors.ts';
import { type StripeSettingsService, stripeUnavailable } from '../payments/stripe-settings.service.ts';
import type { PriceVersionRecord } from '../prices/prices.service.ts';
import * as repo from './card-payments.repository.ts';
import type { StripePrices } from './stripe-prices.ts';

/** What a Checkout Session created at Stripe is recorded as, in the transaction after the call. */
export interface CreatedCheckout {
  stripeCustomerId: string;
  sessionId: string;
  url: string;
  internal: number;
  external: number;
}

/**
 * A Stripe Checkout Session for a self-service customer's card subscription: created at Stripe outside
 * any transaction, then recorded as the customer's pending checkout until Stripe confirms it by webhook.
 */
export class StripeCheckout {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #config: Pick<Config, 'publicUrl' | 'billingTimeZone'>;
  readonly #stripe: StripeSettingsService;
  readonly #prices: StripePrices;

  constructor(deps: {
    db: Database;
    clock: Clock;
    config: Pick<Config, 'publicUrl' | 'billingTimeZone'>;
    stripe: StripeSettingsService;
    prices: StripePrices;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#config = deps.config;
    this.#stripe = deps.stripe;
    this.#prices = deps.prices;
  }

  /**
   * Creates the session, outside any transaction: the Stripe Customer and the price-table version's Stripe Price
   * are created on first use; billing is anchored to the next billing month's start. The caller records the
   * result with `record`.
   */
  async create(
    customer: { id: string; version: number; contactEmail: string; companyName: string },
    order: { internal: number; external: number; version: PriceVersionRecord },
  ): Promise<CreatedCheckout> {
    const billingAnchor = nextBillingMonthStart(this.#clock.now(), this.#config.billingTimeZone);
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
    const priceId = await this.#call(() => this.#prices.priceOf(order.version));
    const session = await this.#call(() =>
      gateway.createCheckoutSession({
        stripeCustomerId,
        priceId,
        quantity: order.internal + order.external,
        successUrl: `${this.#config.publicUrl}/portal/subscription?checkout=success`,
        cancelUrl: `${this.#config.publicUrl}/portal/subscription?checkout=cancelled`,
        customerId: customer.id,
        customerVersion: customer.version,
        billingAnchor,
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
  async record(tx: Tx, customerId: string, checkout: CreatedCheckout): Promise<void> {
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

import type { Database } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import type { StripeSettingsService } from '../payments/stripe-settings.service.ts';
import type { PriceOfVersion } from './card-payments.jobs.ts';
import * as repo from './card-payments.repository.ts';

/** One Stripe Price per price-table version, used by Checkout and by every later quantity change. */
export class StripePrices {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #stripe: StripeSettingsService;

  constructor(deps: { db: Database; clock: Clock; stripe: StripeSettingsService }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#stripe = deps.stripe;
  }

  /**
   * The Stripe Price of a price-table version, created at Stripe on first use (outside any transaction; the
   * idempotency key makes two callers at once get the same one), then stored.
   */
  async priceOf(version: PriceOfVersion): Promise<string> {
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
}

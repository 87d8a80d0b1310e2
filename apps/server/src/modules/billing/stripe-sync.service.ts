import type { Database } from '../../db/connection.ts';
import { AppError } from '../../lib/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { StripeRejected } from '../payments/stripe-errors.ts';
import type { StripeSettingsService } from '../payments/stripe-settings.service.ts';
import type { StripeSyncJob } from './card-payments.jobs.ts';
import type { StripePrices } from './stripe-prices.ts';

/**
 * The `stripe.subscription-sync` job: a change of ours, queued in its transaction, performed at Stripe after
 * commit so that the customer's Stripe Subscription follows ours.
 */
export class StripeSyncService {
  readonly #db: Database;
  readonly #audit: AuditService;
  readonly #stripe: StripeSettingsService;
  readonly #prices: StripePrices;

  constructor(deps: {
    db: Database;
    audit: AuditService;
    stripe: StripeSettingsService;
    prices: StripePrices;
  }) {
    this.#db = deps.db;
    this.#audit = deps.audit;
    this.#stripe = deps.stripe;
    this.#prices = deps.prices;
  }

  /**
   * Performs one queued change at Stripe, outside any transaction. Stripe unreachable throws (the job is retried
   * with backoff, and the customer's later changes wait behind it); Stripe refusing is final and recorded in the
   * audit log in a transaction of its own.
   */
  async perform(job: StripeSyncJob): Promise<void> {
    try {
      const gateway = await this.#stripe.gateway();
      if (job.kind === 'cancel') {
        await gateway.cancelAtPeriodEnd(job.subscriptionId);
        return;
      }
      const change = {
        subscriptionId: job.subscriptionId,
        quantity: job.quantity,
        priceId: await this.#prices.priceOf(job.price),
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
}

import type { CardBillingView } from '@vmsp/contracts';
import type { Executor, Tx } from '../../db/connection.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { PricesService } from '../prices/prices.service.ts';
import { STRIPE_SYNC_JOB, type StripeSyncJob } from './card-payments.jobs.ts';
import * as repo from './card-payments.repository.ts';

/**
 * Card payments through Stripe for self-service customers: the customer's card state, and the Stripe
 * Subscription kept in step with ours. The portal never sees card data. Checkout (stripe-checkout.ts), the
 * webhook (stripe-webhook.service.ts), the events it reports (stripe-events.service.ts) and the sync job
 * (stripe-sync.service.ts) are billing units of their own.
 *
 * No Stripe call runs inside a database transaction: a call may take up to 20 s, and a transaction holding the
 * customer's row (on the embedded database, the only connection) for that long would stop everyone else. A
 * change records what Stripe must do as a job in its own transaction, the job calls Stripe after commit, and
 * what Stripe answered is recorded in a transaction of its own; Checkout, which the user waits for, calls
 * Stripe between the transaction that checks the order and the one that records the session.
 */
export class CardPaymentsService {
  readonly #jobs: JobQueue;
  readonly #prices: PricesService;

  constructor(deps: { jobs: JobQueue; prices: PricesService }) {
    this.#jobs = deps.jobs;
    this.#prices = deps.prices;
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

  /**
   * Keeps the Stripe Subscription's quantity in step with a change of ours: now and prorated for an
   * instant upgrade, at the period end (= the billing month's end, where billing is anchored) otherwise.
   * Queued in the change's transaction with the price table the change is billed by; Stripe is called after
   * commit (stripe-sync.service.ts).
   */
  async syncQuantity(
    tx: Tx,
    customer: { id: string; version: number },
    change: { total: number; applied: boolean },
  ): Promise<void> {
    const latest = await this.#prices.latest(tx);
    const billing = await repo.findCardBilling(tx, customer.id);
    if (!billing?.stripeSubscriptionId) return;
    const { version, currency, ranges } = latest;
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

  async #sendSync(tx: Tx, job: StripeSyncJob): Promise<void> {
    await this.#jobs.send<StripeSyncJob>(STRIPE_SYNC_JOB, job, { tx, singletonKey: job.customerId });
  }
}

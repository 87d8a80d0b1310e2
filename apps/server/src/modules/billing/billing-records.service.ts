import { billingMonthOf } from '@vmsp/domain';
import type { Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { insertBillingRecord } from './billing-records.repository.ts';
import type { CardPaymentsService } from './card-payments.service.ts';
import type { SubscriptionsService } from './subscriptions.service.ts';

/**
 * What billing keeps of a customer that is purged: its running period runs out at the billing
 * month's end and is invoiced then, so the period is kept as a billing record, without personal data
 * beyond the company name; a card subscription is cancelled with Stripe.
 */
export class BillingRecordsService {
  readonly #clock: Clock;
  readonly #billingTimeZone: string;
  readonly #subscriptions: SubscriptionsService;
  readonly #cards: CardPaymentsService;

  constructor(deps: {
    clock: Clock;
    billingTimeZone: string;
    subscriptions: SubscriptionsService;
    cards: CardPaymentsService;
  }) {
    this.#clock = deps.clock;
    this.#billingTimeZone = deps.billingTimeZone;
    this.#subscriptions = deps.subscriptions;
    this.#cards = deps.cards;
  }

  /**
   * Closes the billing of a customer about to be purged, in the purge's transaction. Returns whether a
   * billing record was kept (the customer had a running period).
   */
  async closeForPurge(tx: Tx, customer: { id: string; companyName: string }): Promise<boolean> {
    const running = await this.#subscriptions.running(tx, customer.id);
    if (!running) return false;
    const now = this.#clock.now();
    const month = billingMonthOf(now, this.#billingTimeZone);
    await insertBillingRecord(tx, {
      customerId: customer.id,
      companyName: customer.companyName,
      periodStart: new Date(Math.max(month.start.getTime(), running.startedAt.getTime())),
      periodEnd: month.end,
      ipsInternal: running.ipsInternal,
      ipsExternal: running.ipsExternal,
      paymentMethod: running.paymentMethod,
      monthlyPriceMinor: running.monthlyPriceMinor,
      currency: running.currency,
      createdAt: now,
    });
    // Stripe hears of it after commit: the cancellation is queued with the purge, never awaited inside it.
    if (running.paymentMethod === 'credit-card') await this.#cards.cancel(tx, customer.id);
    return true;
  }
}

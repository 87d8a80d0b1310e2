import { billingMonthOf } from '@vmsp/domain';
import type { Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { insertBillingRecord } from './billing-records.repository.ts';
import type { CardPaymentsService } from './card-payments.service.ts';
import type { SubscriptionsService } from './subscriptions.service.ts';

/**
 * What invoicing does for a customer about to be purged: its final invoice, issued in the purge's transaction
 * while the customer's address and periods are still there. Billing asks, invoicing implements it (app.ts wires
 * the two), as with the month end's InvoiceRun: billing must not import invoicing back.
 */
export interface FinalInvoicing {
  invoiceFinal(tx: Tx, customer: { id: string }, now: Date): Promise<FinalInvoice>;
}

/** The numbers of the final invoices issued (none when nothing was left to invoice), or why none could be. */
export type FinalInvoice = { numbers: string[]; notInvoiced: string | null };

/** How a customer's billing was closed at its purge. */
export type ClosedBilling = { billingRecordKept: boolean; finalInvoice: FinalInvoice };

/**
 * What billing does when a customer is purged: the months not invoiced yet, the one it leaves in
 * included, are invoiced at once (its running period runs out at the billing month's end and is billed to
 * it); the period is kept as a billing record, without personal data beyond the company name; a card
 * subscription is cancelled with Stripe.
 */
export class BillingRecordsService {
  readonly #clock: Clock;
  readonly #billingTimeZone: string;
  readonly #subscriptions: SubscriptionsService;
  readonly #cards: CardPaymentsService;
  readonly #invoices: FinalInvoicing;

  constructor(deps: {
    clock: Clock;
    billingTimeZone: string;
    subscriptions: SubscriptionsService;
    cards: CardPaymentsService;
    invoices: FinalInvoicing;
  }) {
    this.#clock = deps.clock;
    this.#billingTimeZone = deps.billingTimeZone;
    this.#subscriptions = deps.subscriptions;
    this.#cards = deps.cards;
    this.#invoices = deps.invoices;
  }

  /**
   * Closes the billing of a customer about to be purged, in the purge's transaction: its final invoice, and
   * the billing record, kept when the customer had a running period.
   */
  async closeForPurge(tx: Tx, customer: { id: string; companyName: string }): Promise<ClosedBilling> {
    const now = this.#clock.now();
    // Also without a running period: one that ended this month (Cancel) is billed in its final invoice.
    const finalInvoice = await this.#invoices.invoiceFinal(tx, customer, now);
    const running = await this.#subscriptions.running(tx, customer.id);
    if (!running) return { billingRecordKept: false, finalInvoice };
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
    return { billingRecordKept: true, finalInvoice };
  }
}

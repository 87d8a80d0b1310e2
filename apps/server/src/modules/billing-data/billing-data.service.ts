import type { BillingDataFormat } from '@vmsp/contracts';
import { type BillingMonth, billingMonthFromLabel, type InvoiceLine } from '@vmsp/domain';
import type { Database } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { invalid } from '../../lib/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { PricesService } from '../prices/prices.service.ts';
import type { PurchasePricesService } from '../prices/purchase-prices.service.ts';
import { billingDataPdf } from './billing-data.pdf.ts';
import * as repo from './billing-data.repository.ts';
import { type BillingDataRow, billingDataRows } from './billing-data.rows.ts';
import { BillingDataTotals } from './billing-data.totals.ts';

/**
 * Customers per batch: four index-range queries a batch, and a batch's rows (a few per customer) are written
 * and dropped before the one after next is read, so memory stays flat at any number of customers.
 */
export const BILLING_DATA_BATCH = 2000;

/**
 * The monthly billing data (proof of performance for the upstream MSP and the accountant): every customer's
 * subscription periods of an ended billing month with sales, purchase and margin (billing-data.rows.ts), read
 * in keyset batches of customers, each batch read while the one before is being written.
 */
export class BillingDataService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #audit: AuditService;
  readonly #prices: PricesService;
  readonly #purchasePrices: PurchasePricesService;
  readonly #timeZone: string;

  constructor(deps: {
    db: Database;
    clock: Clock;
    audit: AuditService;
    prices: PricesService;
    purchasePrices: PurchasePricesService;
    billingTimeZone: string;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#audit = deps.audit;
    this.#prices = deps.prices;
    this.#purchasePrices = deps.purchasePrices;
    this.#timeZone = deps.billingTimeZone;
  }

  /**
   * The month, once it has ended in the billing time zone: a month in progress (or to come) has no final
   * figures, and its invoices are issued only after its end.
   */
  endedMonth(label: string): BillingMonth {
    let month: BillingMonth;
    try {
      month = billingMonthFromLabel(label, this.#timeZone);
    } catch {
      throw invalid('month', 'Enter a month as YYYY-MM.');
    }
    if (month.end > this.#clock.now()) {
      throw invalid('month', `The billing month ${label} has not ended yet. Choose an ended month.`);
    }
    return month;
  }

  /** Records who downloaded which month in which format: the data leaves the portal. */
  async recordDownload(actor: Actor, month: string, format: BillingDataFormat): Promise<void> {
    await this.#audit.record(this.#db, {
      actor,
      action: 'billing-data.downloaded',
      objectType: 'billing-data',
      objectId: month,
      after: { month, format },
    });
  }

  /** The PDF summary: the totals of every row, added up as the rows stream past. */
  async pdf(month: BillingMonth): Promise<Buffer> {
    const totals = new BillingDataTotals();
    for await (const batch of this.batches(month)) for (const row of batch) totals.add(row);
    return billingDataPdf(totals, month.label, this.#clock.now());
  }

  /** The month's rows, batch by batch, in customer id and period order. */
  async *batches(month: BillingMonth): AsyncGenerator<BillingDataRow[]> {
    const [salesVersions, purchaseVersions] = await Promise.all([
      this.#prices.all(this.#db),
      this.#purchasePrices.versions(this.#db),
    ]);
    const context = {
      month,
      timeZone: this.#timeZone,
      salesVersions: new Map(salesVersions.map((v) => [v.version, v])),
      purchaseVersions: [...purchaseVersions].sort((a, b) => b.version - a.version),
      memo: new Map<string, InvoiceLine[]>(),
    };
    let pending: Promise<{ rows: BillingDataRow[]; last: string | null; seen: number }> | null = this.#read(
      context,
      null,
    );
    while (pending) {
      const batch: { rows: BillingDataRow[]; last: string | null; seen: number } = await pending;
      pending = batch.seen === BILLING_DATA_BATCH ? this.#read(context, batch.last) : null;
      if (batch.rows.length) yield batch.rows;
    }
  }

  async #read(
    context: Omit<Parameters<typeof billingDataRows>[0], 'customer' | 'periods' | 'invoice' | 'keys'>,
    after: string | null,
  ): Promise<{ rows: BillingDataRow[]; last: string | null; seen: number }> {
    const customers = await repo.customersOfMonth(this.#db, context.month, after, BILLING_DATA_BATCH);
    const ids = customers.map((c) => c.id);
    const [periods, invoices] = await Promise.all([
      repo.periodsOfMonth(this.#db, context.month, ids),
      repo.invoicesOfMonth(this.#db, context.month.label, ids),
    ]);
    const keyIds = [...new Set(periods.flatMap((p) => (p.projectKeyId ? [p.projectKeyId] : [])))];
    const keys = await repo.keyPurchases(this.#db, keyIds);
    const periodsOf = new Map<string, repo.MonthPeriod[]>();
    for (const p of periods) {
      const list = periodsOf.get(p.customerId);
      if (list) list.push(p);
      else periodsOf.set(p.customerId, [p]);
    }
    const invoiceOf = new Map(invoices.map((i) => [i.customerId, i]));
    const rows = customers.flatMap((customer) =>
      billingDataRows({
        ...context,
        customer,
        periods: periodsOf.get(customer.id) ?? [],
        invoice: invoiceOf.get(customer.id),
        keys,
      }),
    );
    return { rows, last: customers.at(-1)?.id ?? null, seen: customers.length };
  }
}

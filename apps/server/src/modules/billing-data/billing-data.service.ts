import type { BillingDataFormat } from '@vmsp/contracts';
import { type BillingMonth, billingMonthFromLabel } from '@vmsp/domain';
import type { Database } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { invalid } from '../../lib/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import { type MonthPeriod, periodsOverlapping } from '../billing/month-periods.ts';
import type { PricesService } from '../prices/prices.service.ts';
import type { PurchasePricesService } from '../prices/purchase-prices.service.ts';
import { billingDataPdf } from './billing-data.pdf.ts';
import { MonthPricing } from './billing-data.pricing.ts';
import * as repo from './billing-data.repository.ts';
import { type BillingDataRow, billingDataRows } from './billing-data.rows.ts';
import { BillingDataTotals } from './billing-data.totals.ts';

/**
 * Customers per batch: four index-range queries a batch, and a batch's rows (a few per customer) are written
 * and dropped before the one after next is read, so memory stays flat at any number of customers.
 */
export const BILLING_DATA_BATCH = 2000;
/** Batches read ahead of the one being written (each a few queries at once, so the pool keeps room for requests). */
const READ_AHEAD = 1;

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
      throw invalid('month', 'Enter a month as YYYY-MM.', { rule: 'invalid-format' });
    }
    if (month.end > this.#clock.now()) {
      throw invalid('month', `The billing month ${label} has not ended yet. Choose an ended month.`, {
        rule: 'month-not-ended',
      });
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
    const pricing = new MonthPricing({ month, timeZone: this.#timeZone, salesVersions, purchaseVersions });
    // The next page of customers is asked for as soon as a page arrives, and its rows are read while up to
    // READ_AHEAD batches before it are still being read or written: the database works while the writer does.
    let next: Promise<repo.BillingDataCustomer[]> | null = this.#page(month, null);
    const reads: Promise<BillingDataRow[]>[] = [];
    while (next || reads.length) {
      if (next && reads.length <= READ_AHEAD) {
        const customers: repo.BillingDataCustomer[] = await next;
        const last = customers.at(-1);
        next = last && customers.length === BILLING_DATA_BATCH ? this.#page(month, last.id) : null;
        reads.push(quietly(this.#rowsOf(pricing, customers)));
        continue;
      }
      const rows = (await reads.shift()) ?? [];
      if (rows.length) yield rows;
    }
  }

  #page(month: BillingMonth, after: string | null): Promise<repo.BillingDataCustomer[]> {
    return quietly(repo.customersOfMonth(this.#db, month, after, BILLING_DATA_BATCH));
  }

  /** The rows of a page of customers. */
  async #rowsOf(pricing: MonthPricing, customers: repo.BillingDataCustomer[]): Promise<BillingDataRow[]> {
    const { month } = pricing;
    const ids = customers.map((c) => c.id);
    const [periods, invoices] = await Promise.all([
      periodsOverlapping(this.#db, month, ids),
      repo.invoicesOfMonth(this.#db, month.label, ids),
    ]);
    const keyIds = [...new Set(periods.flatMap((p) => (p.projectKeyId ? [p.projectKeyId] : [])))];
    const keys = await repo.keyPurchases(this.#db, keyIds);
    const periodsOf = new Map<string, MonthPeriod[]>();
    for (const p of periods) {
      const list = periodsOf.get(p.customerId);
      if (list) list.push(p);
      else periodsOf.set(p.customerId, [p]);
    }
    const invoiceOf = new Map(invoices.map((i) => [i.customerId, i]));
    return customers.flatMap((customer) =>
      billingDataRows(pricing, {
        customer,
        periods: periodsOf.get(customer.id) ?? [],
        invoice: invoiceOf.get(customer.id),
        keys,
      }),
    );
  }
}

/**
 * The promise itself, marked as handled: a read waiting its turn may fail before it is awaited, and its error
 * is to surface where it is awaited, not as an unhandled rejection that ends the process.
 */
function quietly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

import {
  type BilledPeriod,
  type BillingMonth,
  divideHalfUp,
  type InvoiceLine,
  invoiceLinesOfMonth,
} from '@vmsp/domain';
import type { MonthPeriod } from '../billing/month-periods.ts';
import type { PriceVersionRecord } from '../prices/prices.service.ts';
import { type PurchasePriceVersionRecord, purchasePriceOf } from '../prices/purchase-prices.service.ts';
import type { KeyPurchase } from './billing-data.repository.ts';

/** A period's billed days in the month and what its sales lines come to, as a row shows them. */
export interface PeriodSalesSummary {
  /** The first and last billed day, YYYY-MM-DD. */
  periodFrom: string;
  periodTo: string;
  days: number;
  salesMinor: number;
  /** The lines' article numbers, in price range order, joined by " + ". */
  articleNumber: string;
}

/** Entries kept at most per cache: the distinct (days, IPs, prices) of a month are far fewer in practice. */
const CACHE_LIMIT = 20_000;
const NO_VAT = { category: 'S', rateBasisPoints: 0 } as const;

/**
 * Prices a month's periods for the billing data, remembering what it has computed: the domain's
 * invoiceLinesOfMonth reads the time zone's offsets for every call, and a graduated price walks the table, so a
 * month of 100,000 customers is priced per distinct shape instead. A start before the month or an end after it
 * bills the same as the month's bounds, so most periods share their shape (days, IPs, prices) with many others.
 * One instance serves one export.
 */
export class MonthPricing {
  readonly month: BillingMonth;
  readonly #timeZone: string;
  readonly #salesVersions: Map<number, PriceVersionRecord>;
  /** Newest first. */
  readonly #purchaseVersions: PurchasePriceVersionRecord[];
  readonly #daysInMonth: number;
  readonly #sales = new Map<string, PeriodSalesSummary | null>();
  readonly #purchase = new Map<string, number>();
  readonly #proRata = new Map<string, number>();

  constructor(deps: {
    month: BillingMonth;
    timeZone: string;
    salesVersions: PriceVersionRecord[];
    purchaseVersions: PurchasePriceVersionRecord[];
  }) {
    this.month = deps.month;
    this.#timeZone = deps.timeZone;
    this.#salesVersions = new Map(deps.salesVersions.map((v) => [v.version, v]));
    this.#purchaseVersions = [...deps.purchaseVersions].sort((a, b) => b.version - a.version);
    const [year, month] = deps.month.label.split('-').map(Number) as [number, number];
    this.#daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  }

  /**
   * The period's sales lines as an invoice would bill them (for a card customer, what Stripe bills), by the
   * domain's invoiceLinesOfMonth from the period's price table version, summed up; null without a billed day.
   * `endedAt` is the end to bill to (null: the month's end).
   */
  sales(period: MonthPeriod, endedAt: Date | null): PeriodSalesSummary | null {
    const { month } = this;
    const start = Math.max(period.startedAt.getTime(), month.start.getTime());
    const end = endedAt === null || endedAt >= month.end ? null : endedAt.getTime();
    const pricing =
      period.priceVersion ?? `fixed:${period.monthlyPriceMinor}:${period.projectKeyId ? 'key' : ''}`;
    const key = `${start}|${end}|${period.ipsInternal + period.ipsExternal}|${pricing}`;
    let summary = this.#sales.get(key);
    if (summary === undefined) {
      summary = summaryOf(this.#lines(period, new Date(start), end === null ? null : new Date(end)));
      remember(this.#sales, key, summary);
    }
    return summary;
  }

  /**
   * What the period's IPs cost per month at the upstream MSP; null while no purchase price applies. A project
   * key's period costs the key's purchase price / its months (rounded half-up). Other periods are priced by the
   * graduated purchase table in force on the period's last billed day (`endedAt`: the end billed to).
   */
  monthlyPurchase(period: MonthPeriod, endedAt: Date | null, keys: Map<string, KeyPurchase>): number | null {
    if (period.paymentMethod === 'project-key' && period.projectKeyId) {
      const key = keys.get(period.projectKeyId);
      return key ? divideHalfUp(key.purchasePriceMinor, key.months) : null;
    }
    const end = endedAt && endedAt < this.month.end ? endedAt : this.month.end;
    const lastInstant = end.getTime() - 1;
    const version = this.#purchaseVersions.find((v) => v.runningFrom.getTime() <= lastInstant);
    if (!version) return null;
    const ips = period.ipsInternal + period.ipsExternal;
    const key = `${version.version}|${ips}`;
    let price = this.#purchase.get(key);
    if (price === undefined) {
      price = purchasePriceOf(version, ips).totalMinor;
      remember(this.#purchase, key, price);
    }
    return price;
  }

  /**
   * A monthly amount for some days of the month, rounded half-up once: the sales lines' rule
   * (invoiceLinesOfMonth), monthly amount × days / days in the month.
   */
  proRata(monthlyMinor: number, days: number): number {
    const key = `${monthlyMinor}|${days}`;
    let amount = this.#proRata.get(key);
    if (amount === undefined) {
      amount = divideHalfUp(monthlyMinor * days, this.#daysInMonth);
      remember(this.#proRata, key, amount);
    }
    return amount;
  }

  #lines(period: MonthPeriod, startedAt: Date, endedAt: Date | null): InvoiceLine[] {
    const base = { startedAt, endedAt, ipsInternal: period.ipsInternal, ipsExternal: period.ipsExternal };
    const version = period.priceVersion === null ? undefined : this.#salesVersions.get(period.priceVersion);
    const billed: BilledPeriod = version
      ? { ...base, pricing: { kind: 'graduated', table: version } }
      : {
          ...base,
          pricing: {
            kind: 'fixed',
            articleName: 'Project key',
            articleNumber: period.projectKeyId ? 'PROJECT-KEY' : '',
            monthlyAmountMinor: period.monthlyPriceMinor,
          },
        };
    return invoiceLinesOfMonth({
      billingMonth: this.month.label,
      timeZone: this.#timeZone,
      periods: [billed],
      vat: NO_VAT,
    });
  }
}

const DAY_MS = 86_400_000;

function summaryOf(lines: InvoiceLine[]): PeriodSalesSummary | null {
  const [first] = lines;
  if (!first) return null;
  return {
    periodFrom: first.periodFrom,
    periodTo: first.periodTo,
    days: (Date.parse(first.periodTo) - Date.parse(first.periodFrom)) / DAY_MS + 1,
    salesMinor: lines.reduce((total, l) => total + l.netMinor, 0),
    articleNumber: [...new Set(lines.map((l) => l.articleNumber))].join(' + '),
  };
}

/** Caches are bounded: past the limit one starts afresh (a month of wildly distinct periods stays flat). */
function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

import {
  type BilledPeriod,
  type BillingMonth,
  divideHalfUp,
  type InvoiceLine,
  invoiceLinesOfMonth,
} from '@vmsp/domain';
import type { PriceVersionRecord } from '../prices/prices.service.ts';
import { type PurchasePriceVersionRecord, purchasePriceOf } from '../prices/purchase-prices.service.ts';
import type {
  BillingDataCustomer,
  KeyPurchase,
  MonthInvoice,
  MonthPeriod,
  PaymentMethod,
  PeriodSales,
} from './billing-data.repository.ts';

/** One line of the billing data: a customer's subscription period in the month, what it sold and what it cost. */
export interface BillingDataRow {
  customerId: string;
  customerName: string;
  serviceMode: 'managed' | 'self-service';
  paymentMethod: PaymentMethod;
  /** The period's first and last billed day in the month, YYYY-MM-DD. */
  periodFrom: string;
  periodTo: string;
  ipsInternal: number;
  ipsExternal: number;
  ipsTotal: number;
  /** The period's article numbers, in price range order, joined by " + " (no separator of either CSV dialect). */
  articleNumber: string;
  salesMinor: number;
  /** null while no purchase price applies (no purchase table yet, or none for the month). */
  purchaseMinor: number | null;
  marginMinor: number | null;
  invoiceNumber: string | null;
  currency: string;
}

export interface RowsInput {
  customer: BillingDataCustomer;
  /** The customer's periods in the month, in time order. */
  periods: MonthPeriod[];
  invoice: MonthInvoice | undefined;
  month: BillingMonth;
  timeZone: string;
  salesVersions: Map<number, PriceVersionRecord>;
  /** Every purchase table version, newest first. */
  purchaseVersions: PurchasePriceVersionRecord[];
  keys: Map<string, KeyPurchase>;
  /** Lines already computed in this export, by what determines them (see linesOf). */
  memo: Map<string, InvoiceLine[]>;
}

/** Memoised line sets kept at most: the distinct (days, IPs, prices) of a month are far fewer in practice. */
const MEMO_LIMIT = 20_000;
const DAY_MS = 86_400_000;

const NO_VAT = { category: 'S', rateBasisPoints: 0 } as const;
const INVOICED: ReadonlySet<PaymentMethod> = new Set(['invoice', 'project-key']);

/**
 * A customer's rows of the month, one per subscription period with a billed day.
 *
 * Days: the invoices' (invoiceLinesOfMonth): each day belongs to the period running at its end, and a period
 * ended without a successor (Cancel) is billed to the month's end unless a project key's term ran out; the
 * purchase side counts the same days, since the provider keeps the IPs at its upstream MSP as long.
 *
 * Sales: for customers paying by invoice or project key, the month's invoice's lines of the period (matched by
 * their period from–to), so the column sums to exactly the invoices' net. A period the portal did not invoice
 * (no invoice: the customer was refused for a missing address, or the month's run has not issued yet) sold
 * nothing on record: 0, without an invoice number. Card customers are billed by Stripe, whose invoices the
 * portal only lists, so their lines are computed here with the same domain function the invoice run uses,
 * invoiceLinesOfMonth, from the period's price table version.
 *
 * Purchase: per period, the monthly purchase price pro rata by days, rounded half-up once, like a sales line.
 * A project key's period costs the key's purchase price / its months (rounded half-up), the key's own price.
 * Other periods are priced by the graduated purchase table for the period's IPs, per customer as the
 * reference product does (a provider-wide tier would have to be shared out over the customers by some
 * arbitrary key, and the rows would no longer add up to what each customer costs). The version is the one in
 * force on the period's last billed day: purchase versions change only at a month's start, except the very
 * first one, which then prices the whole month it was saved in (there was no earlier price to keep).
 *
 * Invoice lines left over after matching (none while periods stay as they were invoiced) still get a row, so
 * the sums never lose a cent of an invoice.
 */
export function billingDataRows(input: RowsInput): BillingDataRow[] {
  const { customer } = input;
  const groups = invoiceGroups(input.invoice);
  const rows: BillingDataRow[] = [];
  for (const period of input.periods) {
    const ips = period.ipsInternal + period.ipsExternal;
    const cancelled =
      period.endedAt !== null &&
      !period.continued &&
      !(period.termEndsAt && period.termEndsAt <= period.endedAt);
    const billed = { ...period, endedAt: cancelled ? null : period.endedAt };
    const computed = linesOf(billed, input);
    const [first] = computed;
    if (!first) continue;
    const monthlyPurchase = monthlyPurchaseOf(billed, ips, input);
    const purchaseMinor =
      monthlyPurchase === null
        ? null
        : proRata(monthlyPurchase, first.periodFrom, first.periodTo, input.month.label);
    let salesMinor = sum(computed);
    let articleNumber = articlesOf(computed);
    let invoiceNumber: string | null = null;
    if (INVOICED.has(period.paymentMethod)) {
      const key = `${first.periodFrom}|${first.periodTo}`;
      const lines = groups.get(key);
      groups.delete(key);
      salesMinor = lines ? sum(lines) : 0;
      if (lines) articleNumber = articlesOf(lines);
      invoiceNumber = lines ? (input.invoice?.number ?? null) : null;
    }
    rows.push({
      customerId: customer.id,
      customerName: customer.companyName,
      serviceMode: customer.serviceMode,
      paymentMethod: period.paymentMethod,
      periodFrom: first.periodFrom,
      periodTo: first.periodTo,
      ipsInternal: period.ipsInternal,
      ipsExternal: period.ipsExternal,
      ipsTotal: ips,
      articleNumber,
      salesMinor,
      purchaseMinor,
      marginMinor: purchaseMinor === null ? null : salesMinor - purchaseMinor,
      invoiceNumber,
      currency: period.currency,
    });
  }
  for (const lines of groups.values()) {
    const [first] = lines as [PeriodSales, ...PeriodSales[]];
    const keyed = first.articleNumber === 'PROJECT-KEY';
    const ips = keyed ? 0 : lines.reduce((total, l) => total + l.quantity, 0);
    rows.push({
      customerId: customer.id,
      customerName: customer.companyName,
      serviceMode: customer.serviceMode,
      paymentMethod: keyed ? 'project-key' : 'invoice',
      periodFrom: first.periodFrom,
      periodTo: first.periodTo,
      ipsInternal: ips,
      ipsExternal: 0,
      ipsTotal: ips,
      articleNumber: articlesOf(lines),
      salesMinor: sum(lines),
      purchaseMinor: null,
      marginMinor: null,
      invoiceNumber: input.invoice?.number ?? null,
      currency: input.periods[0]?.currency ?? 'EUR',
    });
  }
  return rows;
}

/** The invoice's lines by period (from–to): one period's price ranges are one group. */
function invoiceGroups(invoice: MonthInvoice | undefined): Map<string, PeriodSales[]> {
  const groups = new Map<string, PeriodSales[]>();
  for (const line of invoice?.lines ?? []) {
    const key = `${line.periodFrom}|${line.periodTo}`;
    const group = groups.get(key);
    if (group) group.push(line);
    else groups.set(key, [line]);
  }
  return groups;
}

/**
 * The period's sales lines as an invoice would bill them (for a card customer, what Stripe bills), by the
 * domain's invoiceLinesOfMonth. It reads the time zone's offsets for every call, so a month of 100,000
 * customers is priced by memo: a start before the month or an end after it bills the same as the month's
 * bounds, so most periods share their key (days, IPs, price version or monthly price) with many others.
 */
function linesOf(period: MonthPeriod, input: RowsInput): InvoiceLine[] {
  const { month, memo } = input;
  const startedAt = new Date(Math.max(period.startedAt.getTime(), month.start.getTime()));
  const endedAt = period.endedAt === null || period.endedAt >= month.end ? null : period.endedAt;
  const pricingKey =
    period.priceVersion ?? `fixed:${period.monthlyPriceMinor}:${period.projectKeyId ? 'key' : ''}`;
  const key = `${startedAt.getTime()}|${endedAt?.getTime()}|${period.ipsInternal + period.ipsExternal}|${pricingKey}`;
  const known = memo.get(key);
  if (known) return known;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const lines = computeLines({ ...period, startedAt, endedAt }, input);
  memo.set(key, lines);
  return lines;
}

function computeLines(period: MonthPeriod, input: RowsInput): InvoiceLine[] {
  const base = {
    startedAt: period.startedAt,
    endedAt: period.endedAt,
    ipsInternal: period.ipsInternal,
    ipsExternal: period.ipsExternal,
  };
  const version = period.priceVersion === null ? undefined : input.salesVersions.get(period.priceVersion);
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
    billingMonth: input.month.label,
    timeZone: input.timeZone,
    periods: [billed],
    vat: NO_VAT,
  });
}

/** What the period's IPs cost per month at the upstream MSP; null while no purchase price applies. */
function monthlyPurchaseOf(period: MonthPeriod, ips: number, input: RowsInput): number | null {
  if (period.paymentMethod === 'project-key' && period.projectKeyId) {
    const key = input.keys.get(period.projectKeyId);
    return key ? divideHalfUp(key.purchasePriceMinor, key.months) : null;
  }
  const end = period.endedAt && period.endedAt < input.month.end ? period.endedAt : input.month.end;
  const lastInstant = new Date(end.getTime() - 1);
  const version = input.purchaseVersions.find((v) => v.runningFrom <= lastInstant);
  return version ? purchasePriceOf(version, ips).totalMinor : null;
}

/**
 * A monthly amount for the period's days in the month (its sales lines' from–to), rounded half-up once: the
 * sales lines' rule (invoiceLinesOfMonth), monthly amount × days / days in the month.
 */
function proRata(monthlyMinor: number, from: string, to: string, label: string): number {
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  const [year, month] = label.split('-').map(Number) as [number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return divideHalfUp(monthlyMinor * days, daysInMonth);
}

const sum = (lines: PeriodSales[]) => lines.reduce((total, l) => total + l.netMinor, 0);
const articlesOf = (lines: PeriodSales[]) => [...new Set(lines.map((l) => l.articleNumber))].join(' + ');

import { billingMonthFromLabel } from './billing-month.ts';
import type { InvoiceLine, VatCategory } from './invoice-document.ts';
import { divideHalfUp } from './money.ts';
import { graduatedPrice, type PriceTable } from './price-table.ts';
import { utcOffsetMs } from './utc-offset.ts';

/**
 * The invoice lines of one customer's billing month, from the subscription periods that overlap it.
 *
 * Days. A period is billed for whole calendar days in the billing time zone: it covers the local dates from
 * the local date of its start up to the day before the local date of its end. Put differently, each day is
 * billed to the period that is running at the day's end, so a change day belongs to the new period and
 * consecutive periods never bill a day twice or leave one out. An instant upgrade on 16 November (30 days)
 * bills the old subscription for 1–15 November (15 days) and the new one for 16–30 November (15 days). A period
 * that covers no day (started and ended on the same date) gives no line; a running period (endedAt null) or one
 * ending after the month runs to the month's last day; one that began before the month starts at its first day.
 * Days are counted on calendar dates, so a month with a clock change has its ordinary number of days.
 *
 * Amounts. Per period, per price range of the graduated table holding some of its IPs (graduatedPrice): one
 * line with the range's article, quantity = the IPs in the range, unit price = the range's price per IP and
 * month, net = quantity × unit price × days / days in the month, rounded half-up to the cent once per line
 * (for a whole month that is exactly quantity × unit price, so a month without change equals the graduated
 * price). Pro rata lines therefore have net ≠ quantity × unit price; the line's period says why.
 *
 * Project keys (fixed pricing) are one line with the key's article: quantity 1 (the key), unit price = the
 * monthly sales price, net = that price × days / days in the month, rounded half-up once. Quantity 1 rather
 * than the IP count because the monthly price divided by the IPs is rarely a whole cent, and a rounded unit
 * price would make net ≠ quantity × unit price for a whole month (EN 16931 line amount rule).
 *
 * Periods with zero IPs give no line. Lines follow the periods by start, ranges in table order; ids are 1…n.
 * Throws RangeError for a malformed month label, an unknown time zone, a period that ends before it starts,
 * IP counts that are not whole numbers ≥ 0, more IPs than the period's table has (graduatedPrice), or an
 * amount beyond the safe integers.
 */

export type PeriodPricing =
  | { kind: 'graduated'; table: PriceTable }
  | { kind: 'fixed'; articleName: string; articleNumber: string; monthlyAmountMinor: number };

export interface BilledPeriod {
  startedAt: Date;
  /** null while the period is running. */
  endedAt: Date | null;
  ipsInternal: number;
  ipsExternal: number;
  /** The prices in force for the period: its price table version, or a project key's sales price. */
  pricing: PeriodPricing;
}

export interface InvoiceLinesInput {
  /** 'YYYY-MM' in the billing time zone. */
  billingMonth: string;
  timeZone: string;
  periods: BilledPeriod[];
  /** The buyer's VAT category and rate (vatTreatment), the same on every line. */
  vat: { category: VatCategory; rateBasisPoints: number };
}

const DAY_MS = 86_400_000;

type LineWithoutId = Omit<InvoiceLine, 'id'>;

export function invoiceLinesOfMonth(input: InvoiceLinesInput): InvoiceLine[] {
  const { billingMonth, timeZone, periods, vat } = input;
  // Validates the label and the zone.
  billingMonthFromLabel(billingMonth, timeZone);
  if (!Number.isSafeInteger(vat.rateBasisPoints) || vat.rateBasisPoints < 0) {
    throw new RangeError(`A VAT rate is a whole number of basis points ≥ 0, got ${vat.rateBasisPoints}`);
  }
  const year = Number(billingMonth.slice(0, 4));
  const month = Number(billingMonth.slice(5, 7));
  const firstDay = Date.UTC(year, month - 1, 1) / DAY_MS;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lastDay = firstDay + daysInMonth - 1;

  const lines: LineWithoutId[] = [];
  const byStart = [...periods].sort((a, b) => checkedTime(a.startedAt) - checkedTime(b.startedAt));
  for (const period of byStart) {
    const ips = checkedIps(period);
    if (ips === 0) continue;
    const from = Math.max(localDay(period.startedAt, timeZone), firstDay);
    const to =
      period.endedAt === null
        ? lastDay
        : Math.min(localDay(checkedEnd(period.startedAt, period.endedAt), timeZone) - 1, lastDay);
    if (to < from) continue;
    const days = to - from + 1;
    const common = {
      periodFrom: isoDate(from),
      periodTo: isoDate(to),
      vatCategory: vat.category,
      vatRateBasisPoints: vat.rateBasisPoints,
    };
    const proRata = (monthlyMinor: number) => divideHalfUp(monthlyMinor * days, daysInMonth);

    if (period.pricing.kind === 'fixed') {
      const { articleName, articleNumber, monthlyAmountMinor } = period.pricing;
      if (!Number.isSafeInteger(monthlyAmountMinor) || monthlyAmountMinor < 0) {
        throw new RangeError(`A monthly amount is whole cents ≥ 0, got ${monthlyAmountMinor}`);
      }
      lines.push({
        ...common,
        articleName,
        articleNumber,
        quantity: 1,
        unitPriceMinor: monthlyAmountMinor,
        netMinor: proRata(monthlyAmountMinor),
      });
      continue;
    }
    for (const range of graduatedPrice(period.pricing.table, ips).lines) {
      lines.push({
        ...common,
        articleName: range.articleName,
        articleNumber: range.articleNumber,
        quantity: range.count,
        unitPriceMinor: range.unitPriceMinor,
        netMinor: proRata(range.amountMinor),
      });
    }
  }
  return lines.map((line, i) => ({ id: i + 1, ...line }));
}

/** The local calendar date of an instant as a day number (days since 1970-01-01). */
function localDay(instant: Date, timeZone: string): number {
  const time = checkedTime(instant);
  return Math.floor((time + utcOffsetMs(time, timeZone)) / DAY_MS);
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function checkedTime(instant: Date): number {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid instant in a billed period');
  return time;
}

function checkedEnd(startedAt: Date, endedAt: Date): Date {
  if (checkedTime(endedAt) < checkedTime(startedAt)) {
    throw new RangeError(`A period ends before it starts: ${startedAt.toISOString()}`);
  }
  return endedAt;
}

function checkedIps(period: BilledPeriod): number {
  const { ipsInternal, ipsExternal } = period;
  for (const count of [ipsInternal, ipsExternal]) {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(`IP counts are whole numbers ≥ 0, got ${count}`);
    }
  }
  return ipsInternal + ipsExternal;
}

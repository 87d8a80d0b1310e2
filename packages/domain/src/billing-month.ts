import { TZDate } from '@date-fns/tz';

/**
 * A billing month is a calendar month in the provider's IANA time zone (R-3.4; default Europe/Berlin, but the
 * zone is always passed in so that the rules never read a setting or the machine's zone). Periods are half-open
 * [start, end): the end of one month is the start of the next, so months tile time without overlap or gap.
 * Start and end are plain `Date`s (UTC instants); only the label is in local terms.
 */
export interface BillingMonth {
  /** The first instant of the month: local midnight on day 1 (or the first instant after it, see monthStart). */
  start: Date;
  /** The first instant of the next month; not part of this month. */
  end: Date;
  /** 'YYYY-MM' of the local calendar month. */
  label: string;
}

export const DEFAULT_BILLING_TIME_ZONE = 'Europe/Berlin';

const DAY_MS = 86_400_000;

/** The billing month that contains `instant`. */
export function billingMonthOf(instant: Date, timeZone: string): BillingMonth {
  const { year, month } = localMonth(checkedTime(instant), timeZone);
  return monthAt(year, month, timeZone);
}

/** The start of the billing month after the one that contains `instant` (= that month's end). */
export function nextBillingMonthStart(instant: Date, timeZone: string): Date {
  return billingMonthOf(instant, timeZone).end;
}

/** The first instant of the billing month named by `label` ('YYYY-MM'). */
export function billingMonthStart(label: string, timeZone: string): Date {
  const { year, month } = parseLabel(label);
  return new Date(monthStart(year, month, timeZone));
}

/** The billing month named by `label` ('YYYY-MM'). */
export function billingMonthFromLabel(label: string, timeZone: string): BillingMonth {
  const { year, month } = parseLabel(label);
  return monthAt(year, month, timeZone);
}

function monthAt(year: number, month: number, timeZone: string): BillingMonth {
  const next = month === 11 ? { year: year + 1, month: 0 } : { year, month: month + 1 };
  return {
    start: new Date(monthStart(year, month, timeZone)),
    end: new Date(monthStart(next.year, next.month, timeZone)),
    label: formatLabel(year, month),
  };
}

/**
 * The first instant (epoch ms) whose local calendar month is (year, month), month 0-based.
 *
 * TZDate gives local midnight on day 1, which is the answer in every zone the portal is likely to use. But where
 * a clock change falls on that midnight, TZDate resolves it differently from what billing needs: for a repeated
 * midnight it picks the later occurrence (Asia/Gaza, October 2004), so the hour before would belong to no month,
 * and for a skipped midnight it can step back into the previous day (Asia/Kathmandu, January 1986). So the
 * candidate is checked, and only when it is not the first instant of the month do we search for the boundary
 * within a day around it; the time-zone data still comes only from the library.
 */
function monthStart(year: number, month: number, timeZone: string): number {
  const candidate = new TZDate(year, month, 1, timeZone).getTime();
  if (Number.isNaN(candidate)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  const target = year * 12 + month;
  const reached = (t: number) => monthKey(t, timeZone) >= target;
  if (reached(candidate) && !reached(candidate - 1)) return candidate;
  // Invariant: !reached(lo) && reached(hi); the month key only grows across the boundary within this window.
  let lo = candidate - DAY_MS;
  let hi = candidate + DAY_MS;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (reached(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

function monthKey(time: number, timeZone: string): number {
  const { year, month } = localMonth(time, timeZone);
  return year * 12 + month;
}

function localMonth(time: number, timeZone: string): { year: number; month: number } {
  const local = new TZDate(time, timeZone);
  const year = local.getFullYear();
  if (Number.isNaN(year)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return { year, month: local.getMonth() };
}

function checkedTime(instant: Date): number {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid instant');
  return time;
}

const LABEL = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parseLabel(label: string): { year: number; month: number } {
  const match = LABEL.exec(label);
  if (!match) throw new RangeError(`A billing month label is 'YYYY-MM', got '${label}'`);
  const year = Number(match[1]);
  checkYear(year);
  return { year, month: Number(match[2]) - 1 };
}

/**
 * Four-digit years from 1000 only: a label must parse back and sort as text, and Date-style constructors
 * (TZDate's too) read years 0–99 as 1900–1999.
 */
function checkYear(year: number): void {
  if (year < 1000 || year > 9999) throw new RangeError(`Year ${year} is outside 1000–9999`);
}

function formatLabel(year: number, month: number): string {
  checkYear(year);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}`;
}

/**
 * The instant `months` calendar months after `instant`, at the same local time of day in `timeZone` (a fixed
 * term, e.g. a project key's 12 months). A day that the target month lacks becomes its last day: 31 January
 * plus one month is 28 (or 29) February, never 3 March.
 */
export function addCalendarMonths(instant: Date, months: number, timeZone: string): Date {
  if (!Number.isSafeInteger(months)) throw new RangeError(`Months must be a whole number, got ${months}`);
  const local = new TZDate(checkedTime(instant), timeZone);
  const year = local.getFullYear();
  if (Number.isNaN(year)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  const target = year * 12 + local.getMonth() + months;
  const targetYear = Math.floor(target / 12);
  const targetMonth = target - targetYear * 12;
  checkYear(targetYear);
  // Day 0 of the next month is the last day of this one.
  const lastDay = new TZDate(targetYear, targetMonth + 1, 0, timeZone).getDate();
  return new Date(
    new TZDate(
      targetYear,
      targetMonth,
      Math.min(local.getDate(), lastDay),
      local.getHours(),
      local.getMinutes(),
      local.getSeconds(),
      local.getMilliseconds(),
      timeZone,
    ).getTime(),
  );
}

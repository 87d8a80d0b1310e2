import { TZDate } from '@date-fns/tz';
import { utcOffsetMs } from './utc-offset.ts';

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

const HOUR_MS = 3_600_000;

/** The billing month that contains `instant`. */
export function billingMonthOf(instant: Date, timeZone: string): BillingMonth {
  const time = checkedTime(instant);
  // The local calendar month, corrected where a clock change makes the local calendar leave a month for a while
  // after it began (see monthStart): the month returned always contains the instant.
  let key = localMonthKey(time, timeZone);
  while (time < monthStart(key, timeZone)) key -= 1;
  while (time >= monthStart(key + 1, timeZone)) key += 1;
  return monthAt(key, timeZone);
}

/** The start of the billing month after the one that contains `instant` (= that month's end). */
export function nextBillingMonthStart(instant: Date, timeZone: string): Date {
  return billingMonthOf(instant, timeZone).end;
}

/** The first instant of the billing month named by `label` ('YYYY-MM'). */
export function billingMonthStart(label: string, timeZone: string): Date {
  return new Date(monthStart(parseLabel(label), timeZone));
}

/** The billing month named by `label` ('YYYY-MM'). */
export function billingMonthFromLabel(label: string, timeZone: string): BillingMonth {
  return monthAt(parseLabel(label), timeZone);
}

/** A month as one number, year × 12 + month (0-based), so that months compare and step by ±1. */
type MonthKey = number;

function monthAt(key: MonthKey, timeZone: string): BillingMonth {
  return {
    start: new Date(monthStart(key, timeZone)),
    end: new Date(monthStart(key + 1, timeZone)),
    label: formatLabel(key),
  };
}

function localMonthKey(time: number, timeZone: string): MonthKey {
  const local = new Date(time + utcOffsetMs(time, timeZone));
  return local.getUTCFullYear() * 12 + local.getUTCMonth();
}

/**
 * The instant (epoch ms) from which the local calendar is in month `key` or later for good: local midnight on
 * day 1 in almost every case, found from the zone's offsets alone.
 *
 * Clock changes near that midnight need the rule spelled out. A skipped midnight (Asia/Kathmandu, January 1986)
 * starts the month at the clock change; a repeated one (Asia/Gaza, October 2004) at its first occurrence. Where
 * the clocks go back across midnight (America/St_Johns, 1 November 2009: at 00:01 back to 23:01 on 31 October),
 * the local calendar enters November, returns to October for an hour, and enters November again: the month
 * starts at the last entry, so that every instant the local calendar shows as October is billed in October and
 * months still tile time without gap or overlap.
 *
 * Offsets of the IANA data lie within ±26 hours of UTC, so every entry into the month lies within that window
 * around midnight UTC of day 1. Within the window the offset changes at a few instants (found by sampling each
 * half hour and bisecting to the millisecond); between them the local clock runs evenly, so each stretch enters
 * the month at most once, where its local time reaches midnight, or at its first instant.
 */
function monthStart(key: MonthKey, timeZone: string): number {
  const cacheKey = `${timeZone} ${key}`;
  const cached = monthStarts.get(cacheKey);
  if (cached !== undefined) return cached;
  const year = Math.floor(key / 12);
  checkYear(year);
  const midnight = Date.UTC(year, key - year * 12, 1);
  const from = midnight - WINDOW_MS;
  const to = midnight + WINDOW_MS;
  const bounds = [from, ...offsetChanges(from, to, timeZone), to];
  let start = Number.NaN;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = [bounds[i] as number, bounds[i + 1] as number];
    const entry = Math.max(a, midnight - utcOffsetMs(a, timeZone));
    const entersHere = entry > a || localMonthKey(a - 1, timeZone) < key;
    if (entry < b && entersHere) start = entry;
  }
  if (Number.isNaN(start)) throw new RangeError(`No start of ${formatLabel(key)} found in ${timeZone}`);
  monthStarts.set(cacheKey, start);
  return start;
}

const WINDOW_MS = 26 * HOUR_MS;
const SAMPLE_MS = HOUR_MS / 2;
/** Month starts never change for a zone (the runtime's time-zone data is fixed while it runs). */
const monthStarts = new Map<string, number>();

/** The instants in (from, to] at which the zone's offset changes (each the first millisecond of a new offset). */
function offsetChanges(from: number, to: number, timeZone: string): number[] {
  const changes: number[] = [];
  let previous = from;
  let previousOffset = utcOffsetMs(from, timeZone);
  for (let t = from + SAMPLE_MS; t <= to; t += SAMPLE_MS) {
    const offset = utcOffsetMs(t, timeZone);
    if (offset !== previousOffset) {
      // Invariant: offset(lo) = previousOffset ≠ offset(hi).
      let lo = previous;
      let hi = t;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (utcOffsetMs(mid, timeZone) === previousOffset) lo = mid;
        else hi = mid;
      }
      changes.push(hi);
    }
    previous = t;
    previousOffset = offset;
  }
  return changes;
}

function checkedTime(instant: Date): number {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid instant');
  return time;
}

const LABEL = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parseLabel(label: string): MonthKey {
  const match = LABEL.exec(label);
  if (!match) throw new RangeError(`A billing month label is 'YYYY-MM', got '${label}'`);
  const year = Number(match[1]);
  checkYear(year);
  return year * 12 + Number(match[2]) - 1;
}

/**
 * Four-digit years from 1000 only: a label must parse back and sort as text, and Date-style constructors
 * (TZDate's too) read years 0–99 as 1900–1999.
 */
function checkYear(year: number): void {
  if (year < 1000 || year > 9999) throw new RangeError(`Year ${year} is outside 1000–9999`);
}

function formatLabel(key: MonthKey): string {
  const year = Math.floor(key / 12);
  checkYear(year);
  return `${String(year).padStart(4, '0')}-${String(key - year * 12 + 1).padStart(2, '0')}`;
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

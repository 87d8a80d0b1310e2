import type { Clock } from '../../lib/clock.ts';

/**
 * Invoice dates are calendar dates `YYYY-MM-DD` in the billing time zone (as the InvoiceDocument's). Plain
 * strings of that form compare in calendar order, so rules compare them as text.
 */

const DAY_MS = 86_400_000;

/** The calendar date in `timeZone` at `instant` ("today" of an invoice rule, with the clock's instant). */
export function calendarDateIn(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** `date` plus `days` calendar days (no time zone is involved: a calendar date has no clock change). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The year of a calendar date, which an invoice number counts in. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/**
 * The dates of invoices issued at `now`: issued the day of issue (the first day after the month when the month
 * end is on time, the actual day after a catch-up or at a purge: an invoice is not dated back, and numbers keep
 * the order of dates), due `paymentTermDays` later, numbered in the issue date's year.
 */
export function issueDatesAt(now: Date, timeZone: string, paymentTermDays: number) {
  const issueDate = calendarDateIn(now, timeZone);
  return { issueDate, dueDate: addDays(issueDate, paymentTermDays), year: yearOf(issueDate) };
}

/** The clock read as the invoice rules need it: the instant, and today's date in the billing time zone. */
export class InvoiceCalendar {
  readonly #clock: Clock;
  readonly #timeZone: string;

  constructor(clock: Clock, timeZone: string) {
    this.#clock = clock;
    this.#timeZone = timeZone;
  }

  now(): Date {
    return this.#clock.now();
  }

  today(): string {
    return calendarDateIn(this.#clock.now(), this.#timeZone);
  }
}

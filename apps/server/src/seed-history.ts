import type { InvoiceListItem } from '@vmsp/contracts';
import { type BillingMonth, billingMonthOf } from '@vmsp/domain';
import type { Portal } from './app.ts';
import type { ManualClock } from './lib/clock.ts';
import type { Actor } from './modules/audit/audit.service.ts';
import { calendarDateIn } from './modules/invoicing/invoice-dates.ts';

/** The demo's past: the billing months before the one in progress whose month ends it runs. */
export const HISTORY_MONTHS = 6;

/**
 * The demo's calendar: the HISTORY_MONTHS billing months before `now`'s and the one in progress (the last), and
 * instants within them. The month in progress counts only up to `now`, so that the demo never writes the future.
 */
export class DemoCalendar {
  readonly months: BillingMonth[];
  readonly #now: Date;
  readonly #timeZone: string;

  constructor(now: Date, timeZone: string) {
    this.#now = now;
    this.#timeZone = timeZone;
    const months = [billingMonthOf(now, timeZone)];
    while (months.length <= HISTORY_MONTHS) {
      const first = months[0] as BillingMonth;
      months.unshift(billingMonthOf(new Date(first.start.getTime() - 1), timeZone));
    }
    this.months = months;
  }

  get current(): number {
    return this.months.length - 1;
  }

  /** The instant `fraction` (0–1) of the way through month `m` (the month in progress: through its past part). */
  at(m: number, fraction: number): Date {
    const month = this.months[m] as BillingMonth;
    const end = Math.min(month.end.getTime(), this.#now.getTime());
    return new Date(month.start.getTime() + fraction * (end - month.start.getTime()));
  }

  /** Today in the billing time zone at `instant`, as a payment date. */
  dateAt(instant: Date): string {
    return calendarDateIn(instant, this.#timeZone);
  }
}

/** When in a month the invoicing history happens (fractions of the month), after the due date of the 14-day term. */
const MONTH_END_AT = 0.001;
const CREDIT_NOTES_AT = 0.02;
const PAID_ON_TIME_AT = 0.3;
const OVERDUE_AT = 0.62;
const PAID_LATE_AT = 0.8;

/**
 * The invoicing side of the demo's history, as the portal's jobs and an admin would make it: the month end at
 * each month's start issues the month before's invoices (their documents are left to the portal's render job:
 * rendering is the costly part, and the running portal does it within seconds of starting); most invoices are
 * marked paid before their due date, some after they went overdue, a few stay overdue; now and then a credit note.
 */
export class DemoInvoicing {
  readonly #portal: Portal;
  readonly #clock: ManualClock;
  readonly #calendar: DemoCalendar;
  readonly #actor: Actor;

  constructor(deps: { portal: Portal; clock: ManualClock; calendar: DemoCalendar; actor: Actor }) {
    this.#portal = deps.portal;
    this.#clock = deps.clock;
    this.#calendar = deps.calendar;
    this.#actor = deps.actor;
  }

  /** The month end at the start of month `m` (m ≥ 1): applies the changes due and invoices month m − 1. */
  async closePreviousMonth(m: number): Promise<number> {
    this.#clock.set(this.#calendar.at(m, MONTH_END_AT));
    const { invoiced } = await this.#portal.services.monthEnd.run();
    await this.#portal.services.invoices.markOverdue();
    return invoiced;
  }

  /**
   * In every second month a credit note for an invoice of the month before: the first one in full (it is
   * cancelled, with nothing to pay), the next with several lines only for its first line.
   */
  async creditNotes(m: number): Promise<number> {
    if (m % 2 !== 0) return 0;
    this.#clock.set(this.#calendar.at(m, CREDIT_NOTES_AT));
    const [whole, ...others] = await this.#issuedOf(m - 1);
    const { creditNotes, invoices } = this.#portal.services;
    let issued = 0;
    if (whole) {
      await creditNotes.issue(this.#actor, whole.id, {
        reason: 'The subscription was entered in error; the whole invoice is cancelled.',
      });
      issued++;
    }
    for (const candidate of others) {
      const { lines } = await invoices.details(candidate.id);
      const [first] = lines;
      if (lines.length < 2 || !first) continue;
      await creditNotes.issue(this.#actor, candidate.id, {
        reason: `Goodwill: ${first.articleName} is credited for this month.`,
        lineIds: [first.id],
      });
      return issued + 1;
    }
    return issued;
  }

  /**
   * Payments of the invoices issued at the start of month `m` (for month m − 1), in invoice number order: in a
   * past month every eighth stays unpaid (and goes overdue), another eighth is paid after it went overdue, the
   * rest before the due date; in the month in progress, where nothing is due yet, every second one is paid.
   */
  async payments(m: number): Promise<void> {
    const { invoicePayments, invoices } = this.#portal.services;
    const pay = async (invoice: InvoiceListItem) =>
      invoicePayments.markPaid(this.#actor, invoice.id, {
        paidOn: this.#calendar.dateAt(this.#clock.now()),
      });
    const current = m === this.#calendar.current;
    this.#clock.set(this.#calendar.at(m, PAID_ON_TIME_AT));
    const open = await this.#issuedOf(m - 1);
    for (const [j, invoice] of open.entries()) {
      if (current ? j % 2 === 0 : j % 8 !== 3 && j % 8 !== 5) await pay(invoice);
    }
    if (current) return;
    this.#clock.set(this.#calendar.at(m, OVERDUE_AT));
    await invoices.markOverdue();
    this.#clock.set(this.#calendar.at(m, PAID_LATE_AT));
    for (const [j, invoice] of open.entries()) if (j % 8 === 5) await pay(invoice);
  }

  /** The open (issued, not yet paid or overdue) invoices of month `m`, in number order. */
  async #issuedOf(m: number): Promise<InvoiceListItem[]> {
    const { items } = await this.#portal.services.invoices.list({
      month: (this.#calendar.months[m] as BillingMonth).label,
      kind: 'invoice',
      status: 'issued',
      page: 1,
      pageSize: 200,
    });
    return items.sort((a, b) => a.number.localeCompare(b.number));
  }
}

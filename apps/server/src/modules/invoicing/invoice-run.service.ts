import type { CompanySettings } from '@vmsp/contracts';
import { type BillingMonth, billingMonthOf, formatInvoiceNumber } from '@vmsp/domain';
import type { Database, Tx } from '../../db/connection.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { AppError } from '../../lib/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { FinalInvoice, FinalInvoicing } from '../billing/billing-records.service.ts';
import type { InvoiceRun } from '../billing/month-closing.ts';
import type { PricesService } from '../prices/prices.service.ts';
import type { CompanySettingsService } from './company-settings.service.ts';
import { issueDatesAt } from './invoice-dates.ts';
import { takeInvoiceNumbers } from './invoice-numbers.ts';
import { RENDER_INVOICES_JOB } from './invoice-rendering.jobs.ts';
import { invoiceDraftOf } from './invoice-run.document.ts';
import * as repo from './invoice-run.repository.ts';

/** Customers per transaction: a batch's documents are written in one statement and its numbers taken at once. */
export const INVOICE_BATCH = 2000;
/**
 * How far back a run looks for months not yet invoiced (the catch-up after downtime): the months before are
 * taken to be settled, e.g. invoiced by hand before the portal invoiced, and are never invoiced twice.
 */
export const CATCH_UP_MONTHS = 3;

/**
 * The monthly invoice run (part of the month end, billing/month-closing.ts): for every billing month that has
 * ended and whose run is not complete, one invoice per customer that had a period paid by invoice or project
 * key in it, issued in batches. Each batch is one transaction: it locks its customers (see
 * lockCustomersToInvoice), leaves out those invoiced meanwhile, takes exactly as many numbers as it writes
 * invoices, and writes their audit entries. A repeated or concurrent run (any instance) therefore issues each
 * customer's month once, and numbers stay gapless.
 */
export class InvoiceRunService implements InvoiceRun, FinalInvoicing {
  readonly #db: Database;
  readonly #company: CompanySettingsService;
  readonly #prices: PricesService;
  readonly #audit: AuditService;
  readonly #jobs: JobQueue;
  readonly #timeZone: string;

  constructor(deps: {
    db: Database;
    company: CompanySettingsService;
    prices: PricesService;
    audit: AuditService;
    jobs: JobQueue;
    billingTimeZone: string;
  }) {
    this.#db = deps.db;
    this.#company = deps.company;
    this.#prices = deps.prices;
    this.#audit = deps.audit;
    this.#jobs = deps.jobs;
    this.#timeZone = deps.billingTimeZone;
  }

  async run(now: Date): Promise<{ issued: number }> {
    const due = await this.#monthsDue(now);
    if (!due.length) return { issued: 0 };
    let seller: CompanySettings;
    try {
      seller = await this.#company.requireComplete(this.#db);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'INVOICING_NOT_CONFIGURED') throw error;
      await this.#recordNotConfigured(due, now, error.message);
      return { issued: 0 };
    }
    let issued = 0;
    for (const month of due) issued += await this.#invoiceMonth(month, seller, now);
    return { issued };
  }

  /**
   * The ended months (at most CATCH_UP_MONTHS back) whose run is not complete, oldest first. The month end runs
   * every minute, so the usual answer, "none", costs one lookup of a few rows. A month that ended before the
   * first period ever paid by invoice or project key has nothing to invoice, and no such period can begin in
   * it any more (periods begin now or later): it is marked complete at once.
   */
  async #monthsDue(now: Date): Promise<BillingMonth[]> {
    const ended = this.#catchUpMonths(billingMonthOf(now, this.#timeZone));
    const completed = await repo.completedMonths(
      this.#db,
      ended.map((m) => m.label),
    );
    const open = ended.filter((m) => !completed.has(m.label));
    if (!open.length) return [];
    const first = await repo.firstInvoicedPeriodStart(this.#db);
    const due = open.filter((m) => first !== null && m.end > first);
    for (const empty of open.filter((m) => !due.includes(m))) {
      await repo.startRun(this.#db, empty.label, now);
      await repo.completeRun(this.#db, empty.label, now);
    }
    return due;
  }

  /**
   * Invoicing is off: nothing is issued. The first run that meets a month says so once in the audit log, naming
   * the missing fields (the Billing page's notice comes from GET /api/invoicing/status); the month is invoiced
   * by the first run after Settings → Company is complete.
   */
  async #recordNotConfigured(months: BillingMonth[], now: Date, message: string): Promise<void> {
    await this.#db.transaction(async (tx) => {
      for (const month of months) {
        if (!(await repo.startRun(tx, month.label, now))) continue;
        await this.#audit.record(tx, {
          actor: null,
          action: 'invoice-run.not-configured',
          objectType: 'invoice-run',
          objectId: month.label,
          after: { message },
        });
      }
    });
  }

  /**
   * The final invoice of a customer about to be purged, in the purge's transaction, before its rows go:
   * the month it leaves in, its running period billed to the month's end (where it runs out), and any ended
   * month the month end has yet to invoice. Dated the day of the purge; rendered and mailed as any invoice.
   * Answers the numbers issued, or why nothing could be (Settings → Company incomplete, no address).
   */
  async invoiceFinal(tx: Tx, customer: { id: string }, now: Date): Promise<FinalInvoice> {
    let seller: CompanySettings;
    try {
      seller = await this.#company.requireComplete(tx);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'INVOICING_NOT_CONFIGURED') throw error;
      return { numbers: [], notInvoiced: error.message };
    }
    const current = billingMonthOf(now, this.#timeZone);
    const ended = this.#catchUpMonths(current);
    const completed = await repo.completedMonths(
      tx,
      ended.map((m) => m.label),
    );
    const dates = issueDatesAt(now, this.#timeZone, seller.paymentTermDays);
    const final: FinalInvoice = { numbers: [], notInvoiced: null };
    for (const month of [...ended.filter((m) => !completed.has(m.label)), current]) {
      const customers = await repo.lockCustomersToInvoice(tx, month, { customerId: customer.id }, 1);
      const batch = await this.#issueBatch(tx, { customers, month, seller, now, ...dates });
      final.numbers.push(...batch.numbers);
      final.notInvoiced = batch.refused[0] ?? final.notInvoiced;
    }
    return final;
  }

  /** The CATCH_UP_MONTHS months before `month`, oldest first: those a run may still have to invoice. */
  #catchUpMonths(month: BillingMonth): BillingMonth[] {
    const ended: BillingMonth[] = [];
    for (let i = 0; i < CATCH_UP_MONTHS; i++) {
      month = billingMonthOf(new Date(month.start.getTime() - 1), this.#timeZone);
      ended.unshift(month);
    }
    return ended;
  }

  async #invoiceMonth(month: BillingMonth, seller: CompanySettings, now: Date): Promise<number> {
    await repo.startRun(this.#db, month.label, now);
    const { issueDate, dueDate, year } = issueDatesAt(now, this.#timeZone, seller.paymentTermDays);
    let issued = 0;
    let after: string | null = null;
    for (;;) {
      const batch = await this.#db.transaction(async (tx) => {
        const customers = await repo.lockCustomersToInvoice(tx, month, { afterId: after }, INVOICE_BATCH);
        const { numbers } = await this.#issueBatch(tx, {
          customers,
          month,
          seller,
          now,
          issueDate,
          dueDate,
          year,
        });
        if (numbers.length) await repo.addIssued(tx, month.label, numbers.length);
        return { last: customers.at(-1)?.id ?? null, seen: customers.length, written: numbers.length };
      });
      issued += batch.written;
      after = batch.last;
      if (batch.seen < INVOICE_BATCH) break;
    }
    await repo.completeRun(this.#db, month.label, now);
    return issued;
  }

  async #issueBatch(
    tx: Tx,
    b: {
      customers: repo.InvoiceCustomer[];
      month: BillingMonth;
      seller: CompanySettings;
      now: Date;
      issueDate: string;
      dueDate: string;
      year: number;
    },
  ): Promise<{ numbers: string[]; refused: string[] }> {
    if (!b.customers.length) return { numbers: [], refused: [] };
    const invoiced = await repo.alreadyInvoiced(
      tx,
      b.month.label,
      b.customers.map((c) => c.id),
    );
    const open = b.customers.filter((c) => !invoiced.has(c.id));
    if (!open.length) return { numbers: [], refused: [] };
    const periods = await repo.invoicedPeriods(
      tx,
      b.month,
      open.map((c) => c.id),
    );
    const keyIds = [...new Set(periods.flatMap((p) => (p.projectKeyId ? [p.projectKeyId] : [])))];
    const [keys, versions] = await Promise.all([repo.redeemedKeys(tx, keyIds), this.#prices.all(tx)]);
    const versionsByNumber = new Map(versions.map((v) => [v.version, v]));
    const periodsOf = new Map<string, repo.InvoicedPeriod[]>();
    for (const p of periods) {
      const list = periodsOf.get(p.customerId);
      if (list) list.push(p);
      else periodsOf.set(p.customerId, [p]);
    }
    const drafts: { customer: repo.InvoiceCustomer; draft: ReturnType<typeof invoiceDraftOf> }[] = open.map(
      (customer) => ({
        customer,
        draft: invoiceDraftOf({
          customer,
          periods: periodsOf.get(customer.id) ?? [],
          versions: versionsByNumber,
          keys,
          seller: b.seller,
          month: b.month,
          issueDate: b.issueDate,
          dueDate: b.dueDate,
          timeZone: this.#timeZone,
        }),
      }),
    );
    const refused = drafts.flatMap((d) =>
      d.draft.ok ? [] : [{ customer: d.customer, reason: d.draft.reason }],
    );
    const ready = drafts.flatMap((d) =>
      d.draft.ok ? [{ customer: d.customer, document: d.draft.document }] : [],
    );
    await this.#audit.recordMany(
      tx,
      refused.map(({ customer, reason }) => ({
        actor: null,
        action: 'invoice.refused',
        objectType: 'customer',
        objectId: customer.id,
        after: { billingMonth: b.month.label, companyName: customer.companyName, reason },
      })),
    );
    const reasons = refused.map((r) => r.reason);
    if (!ready.length) return { numbers: [], refused: reasons };
    // Numbers last: the counter row's lock serialises every issuer, so it is held for the writes only.
    const seqs = await takeInvoiceNumbers(tx, b.year, ready.length);
    const rows = ready.map(({ customer, document }, i) => ({
      customerId: customer.id,
      issuedAt: b.now,
      document: { ...document, number: formatInvoiceNumber(b.seller.numberPattern, b.year, seqs[i] ?? 0) },
    }));
    const written = await repo.insertInvoices(tx, rows);
    if (written.length !== rows.length) {
      // Cannot happen while every issuer locks its customers first; rolling back keeps the numbers gapless.
      throw new Error(
        `invoice run ${b.month.label}: ${rows.length - written.length} invoices were issued meanwhile`,
      );
    }
    const idOf = new Map(written.map((w) => [w.customerId, w.id]));
    await this.#audit.recordMany(
      tx,
      rows.map((r) => ({
        actor: null,
        action: 'invoice.issued',
        objectType: 'invoice',
        objectId: idOf.get(r.customerId) ?? null,
        after: {
          number: r.document.number,
          customerId: r.customerId,
          billingMonth: r.document.billingMonth,
          grossMinor: r.document.totals.grossMinor,
          currency: r.document.currency,
        },
      })),
    );
    await this.#jobs.send(RENDER_INVOICES_JOB, {}, { tx, singletonKey: 'invoices.render' });
    return { numbers: rows.map((r) => r.document.number), refused: reasons };
  }
}

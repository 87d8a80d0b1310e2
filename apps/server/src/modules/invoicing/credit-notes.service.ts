import type { InvoiceDetails } from '@vmsp/contracts';
import { creditNoteDocument, formatInvoiceNumber, type InvoiceDocument } from '@vmsp/domain';
import type { Database } from '../../db/connection.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { AppError, invalid, notFound } from '../../lib/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { CompanySettingsService } from './company-settings.service.ts';
import { creditedLineIds } from './credit-notes.rules.ts';
import { addDays, type InvoiceCalendar, yearOf } from './invoice-dates.ts';
import { takeInvoiceNumbers } from './invoice-numbers.ts';
import { RENDER_INVOICES_JOB } from './invoice-rendering.jobs.ts';
import * as repo from './invoices.repository.ts';
import type { InvoicesService } from './invoices.service.ts';
import { creditableGross } from './invoices.views.ts';

const notCreditable = (message: string) => new AppError('INVOICE_NOT_CREDITABLE', 409, message);

/**
 * Credit notes (type 381): the only correction of an issued invoice, which itself never changes. An admin
 * credits all of an invoice's lines or chosen ones, with a reason; the credit note gets the next number of
 * the year's one sequence, and its documents and mail follow from the rendering job.
 */
export class CreditNotesService {
  readonly #db: Database;
  readonly #calendar: InvoiceCalendar;
  readonly #audit: AuditService;
  readonly #jobs: JobQueue;
  readonly #company: CompanySettingsService;
  readonly #invoices: InvoicesService;

  constructor(deps: {
    db: Database;
    calendar: InvoiceCalendar;
    audit: AuditService;
    jobs: JobQueue;
    company: CompanySettingsService;
    invoices: InvoicesService;
  }) {
    this.#db = deps.db;
    this.#calendar = deps.calendar;
    this.#audit = deps.audit;
    this.#jobs = deps.jobs;
    this.#company = deps.company;
    this.#invoices = deps.invoices;
  }

  /**
   * Issues a credit note for the invoice `invoiceId` and answers with the invoice's details (its credit
   * notes included). Each line is credited at most once; without chosen lines, every line still open is.
   * Judged on the invoice's locked row: of two credit notes at once, the second sees what the first took
   * and is refused when it would credit a line again. Crediting the last open lines cancels the invoice.
   */
  async issue(
    actor: Actor,
    invoiceId: string,
    input: { reason: string; lineIds?: number[] | undefined },
  ): Promise<InvoiceDetails> {
    await this.#db.transaction(async (tx) => {
      const invoice = await repo.findInvoice(tx, invoiceId, { forUpdate: true });
      if (!invoice) throw notFound('The invoice');
      if (invoice.kind === 'credit-note')
        throw notCreditable(`${invoice.number} is a credit note itself: credit its invoice instead.`);
      if (invoice.status === 'cancelled')
        throw notCreditable(`${invoice.number} was credited in full already.`);
      const source = invoice.document as InvoiceDocument;
      const previous = (await repo.creditNoteDocumentsOf(tx, invoice.id)) as InvoiceDocument[];
      const credited = creditedLineIds(source, previous);
      const open = source.lines.filter((l) => !credited.has(l.id)).map((l) => l.id);
      // Everything left when no lines are chosen.
      const lineIds = input.lineIds ? [...new Set(input.lineIds)].sort((a, b) => a - b) : open;
      const unknown = lineIds.find((id) => !source.lines.some((l) => l.id === id));
      if (unknown !== undefined)
        throw invalid('lineIds', `${invoice.number} has no line ${unknown}.`, {
          rule: 'unknown-invoice-line',
        });
      const again = lineIds.filter((id) => credited.has(id));
      if (!lineIds.length) throw notCreditable(`Nothing of ${invoice.number} is left to credit.`);
      if (again.length)
        throw new AppError(
          'CREDIT_EXCEEDS_INVOICE',
          409,
          `This would credit more than is left of ${invoice.number}: line ${again.join(', ')} was credited already.`,
          { field: 'lineIds' },
        );

      const settings = await this.#company.requireComplete(tx);
      const issueDate = this.#calendar.today();
      const year = yearOf(issueDate);
      const [seq] = await takeInvoiceNumbers(tx, year, 1);
      if (seq === undefined) throw new Error('no invoice number was taken');
      const number = formatInvoiceNumber(settings.numberPattern, year, seq);
      const document = creditNoteDocument(source, {
        number,
        issueDate,
        dueDate: addDays(issueDate, settings.paymentTermDays),
        reason: input.reason,
        ...(lineIds.length === source.lines.length ? {} : { lineIds }),
      });
      const gross = document.totals.grossMinor;
      // The last open lines complete the credit whatever their rounded VAT: the invoice is cancelled.
      const completes = lineIds.length === open.length;
      const left = creditableGross(invoice);
      if (!completes && gross > left)
        throw new AppError(
          'CREDIT_EXCEEDS_INVOICE',
          409,
          `This credit note would credit ${gross} cents, but only ${left} cents of ${invoice.number} are left to credit.`,
          { field: 'lineIds' },
        );

      const now = this.#calendar.now();
      const creditNote = await repo.insertInvoice(tx, {
        number,
        kind: 'credit-note',
        customerId: invoice.customerId,
        customerName: invoice.customerName,
        billingMonth: invoice.billingMonth,
        issuedAt: now,
        issueDate,
        dueDate: document.dueDate,
        currency: document.currency,
        netMinor: document.totals.netMinor,
        vatMinor: document.totals.vatMinor,
        grossMinor: gross,
        vatCategory: invoice.vatCategory,
        language: invoice.language,
        status: 'issued',
        creditedInvoiceId: invoice.id,
        reason: input.reason,
        document,
        createdAt: now,
        updatedAt: now,
      });
      const creditedGrossMinor = invoice.creditedGrossMinor + gross;
      const status = completes ? 'cancelled' : invoice.status;
      await repo.updateInvoice(tx, invoice.id, { creditedGrossMinor, status, updatedAt: now });
      await this.#audit.recordMany(tx, [
        {
          actor,
          action: 'invoice.credit-note-issued',
          objectType: 'invoice',
          objectId: invoice.id,
          before: {
            number: invoice.number,
            status: invoice.status,
            creditedGrossMinor: invoice.creditedGrossMinor,
          },
          after: {
            number: invoice.number,
            status,
            creditedGrossMinor,
            creditNoteId: creditNote.id,
            creditNoteNumber: number,
            lineIds,
            reason: input.reason,
            detail: `${number}: ${input.reason}`,
          },
        },
        {
          actor,
          action: 'credit-note.issued',
          objectType: 'invoice',
          objectId: creditNote.id,
          after: {
            number,
            creditedInvoiceNumber: invoice.number,
            grossMinor: gross,
            reason: input.reason,
            detail: `${number} credits ${invoice.number}`,
          },
        },
      ]);
      await this.#jobs.send(RENDER_INVOICES_JOB, {}, { tx, singletonKey: 'invoices.render' });
    });
    return this.#invoices.details(invoiceId);
  }
}

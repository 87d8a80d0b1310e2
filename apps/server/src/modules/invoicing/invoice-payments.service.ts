import type { InvoiceDetails } from '@vmsp/contracts';
import type { Database } from '../../db/connection.ts';
import { AppError, invalid, notFound } from '../../lib/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { InvoiceCalendar } from './invoice-dates.ts';
import * as repo from './invoices.repository.ts';
import type { InvoicesService } from './invoices.service.ts';

const notPayable = (message: string) => new AppError('INVOICE_NOT_PAYABLE', 409, message);

/** `Mark as paid`: an admin records the day an invoice's payment arrived. */
export class InvoicePaymentsService {
  readonly #db: Database;
  readonly #calendar: InvoiceCalendar;
  readonly #audit: AuditService;
  readonly #invoices: InvoicesService;

  constructor(deps: {
    db: Database;
    calendar: InvoiceCalendar;
    audit: AuditService;
    invoices: InvoicesService;
  }) {
    this.#db = deps.db;
    this.#calendar = deps.calendar;
    this.#audit = deps.audit;
    this.#invoices = deps.invoices;
  }

  /**
   * Issued or overdue → paid, on a day between the issue date and today (in the billing time zone). The
   * state is judged on the locked row, so a credit note cancelling the invoice at the same moment either
   * comes first (and this is refused) or waits for this to commit.
   */
  async markPaid(actor: Actor, id: string, input: { paidOn: string }): Promise<InvoiceDetails> {
    const today = this.#calendar.today();
    if (input.paidOn > today)
      throw invalid('paidOn', 'The payment date cannot be in the future.', { rule: 'date-in-future' });
    await this.#db.transaction(async (tx) => {
      const row = await repo.findInvoice(tx, id, { forUpdate: true });
      if (!row) throw notFound('The invoice');
      if (row.kind === 'credit-note')
        throw notPayable(`${row.number} is a credit note: it is settled with its invoice, not paid.`);
      if (row.status === 'cancelled')
        throw notPayable(`${row.number} was cancelled by a credit note and is not to be paid.`);
      if (row.status === 'paid') throw notPayable(`${row.number} was marked paid on ${row.paidOn} already.`);
      if (input.paidOn < row.issueDate)
        throw invalid('paidOn', `The payment date cannot be before the issue date, ${row.issueDate}.`, {
          rule: 'before-issue-date',
        });
      await repo.updateInvoice(tx, id, {
        status: 'paid',
        paidOn: input.paidOn,
        updatedAt: this.#calendar.now(),
      });
      await this.#audit.record(tx, {
        actor,
        action: 'invoice.paid',
        objectType: 'invoice',
        objectId: id,
        before: { number: row.number, status: row.status, paidOn: null },
        after: { number: row.number, status: 'paid', paidOn: input.paidOn, detail: input.paidOn },
      });
    });
    return this.#invoices.details(id);
  }
}

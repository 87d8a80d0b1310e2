import type {
  CustomerInvoicesResponse,
  InvoiceDetails,
  InvoiceListQuery,
  InvoiceListResponse,
  StripeInvoiceItem,
} from '@vmsp/contracts';
import type { InvoiceDocument } from '@vmsp/domain';
import type { Database, Executor } from '../../db/connection.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { creditedLineIds } from './credit-notes.rules.ts';
import type { InvoiceCalendar } from './invoice-dates.ts';
import * as invoiceList from './invoice-list.repository.ts';
import * as repo from './invoices.repository.ts';
import { toDetails, toHistoryEntry, toListItem } from './invoices.views.ts';

/** The schema's default currency: the totals of a portal that has issued nothing yet. */
const DEFAULT_CURRENCY = 'EUR';
/** Invoices set overdue per statement: a month's worth at 100,000 customers takes twenty short statements. */
const OVERDUE_BATCH = 5000;
/** The audit entries an invoice's history shows at most (it has a handful: issued, paid, credited, overdue). */
const HISTORY_LIMIT = 200;

/** A customer's invoices at Stripe (card customers), read from the table billing keeps from Stripe's webhooks. */
export type StripeInvoicesOf = (executor: Executor, customerId: string) => Promise<StripeInvoiceItem[]>;

export type StoredFile = { number: string; format: 'pdf' | 'xml'; body: Buffer };

/** What a download or a mail of an invoice's documents answers in the seconds before they are rendered. */
export const documentsPending = (number: string) =>
  new AppError(
    'INVOICE_DOCUMENTS_PENDING',
    409,
    `The documents of ${number} are still being prepared. Try again in a minute.`,
  );

/**
 * Reading issued invoices and credit notes: the admin's list with its totals, details with history, a
 * customer's invoices beside its Stripe invoices, the stored documents; and the one status change no one
 * makes by hand, overdue. Marking paid and credit notes are services of their own.
 */
export class InvoicesService {
  readonly #db: Database;
  readonly #calendar: InvoiceCalendar;
  readonly #audit: AuditService;
  readonly #stripeInvoices: StripeInvoicesOf;

  constructor(deps: {
    db: Database;
    calendar: InvoiceCalendar;
    audit: AuditService;
    stripeInvoices: StripeInvoicesOf;
  }) {
    this.#db = deps.db;
    this.#calendar = deps.calendar;
    this.#audit = deps.audit;
    this.#stripeInvoices = deps.stripeInvoices;
  }

  async list(query: InvoiceListQuery): Promise<InvoiceListResponse> {
    const filter: invoiceList.InvoiceFilter = {
      month: query.month,
      status: query.status,
      kind: query.kind,
      customerId: query.customerId,
      q: query.q,
    };
    const [rows, sums] = await Promise.all([
      invoiceList.listInvoices(this.#db, filter, {
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      }),
      invoiceList.sumInvoices(this.#db, filter),
    ]);
    const currency = sums.currency ?? (await invoiceList.newestCurrency(this.#db)) ?? DEFAULT_CURRENCY;
    return {
      items: rows.map(toListItem),
      total: sums.total,
      page: query.page,
      pageSize: query.pageSize,
      totals: { netMinor: sums.netMinor, vatMinor: sums.vatMinor, grossMinor: sums.grossMinor },
      currency,
    };
  }

  /** An invoice's details. Read after a change commits: the history comes from the audit log. */
  async details(id: string): Promise<InvoiceDetails> {
    const row = await repo.findInvoice(this.#db, id, { forUpdate: false });
    if (!row) throw notFound('The invoice');
    const creditNotes = row.kind === 'invoice' ? await repo.creditNotesOf(this.#db, id) : [];
    const credited = creditNotes.length
      ? creditedLineIds(
          row.document as InvoiceDocument,
          (await repo.creditNoteDocumentsOf(this.#db, id)) as InvoiceDocument[],
        )
      : new Set<number>();
    const audit = await this.#audit.list({
      objectType: 'invoice',
      objectId: id,
      page: 1,
      pageSize: HISTORY_LIMIT,
    });
    // The log lists newest first; a history reads from the issue on.
    const history = audit.items.map(toHistoryEntry).reverse();
    return toDetails(
      row,
      creditNotes,
      [...credited].sort((a, b) => a - b),
      history,
    );
  }

  /** A customer's invoices and credit notes with its invoices at Stripe (the details overlay, the portal). */
  async ofCustomer(customerId: string): Promise<CustomerInvoicesResponse> {
    const [rows, stripeInvoices] = await Promise.all([
      repo.invoicesOfCustomer(this.#db, customerId),
      this.#stripeInvoices(this.#db, customerId),
    ]);
    return { invoices: rows.map(toListItem), stripeInvoices };
  }

  /**
   * The stored PDF or XML. With `customerId` (the portal), another customer's invoice is not found: a
   * customer user learns nothing of invoices that are not its own, not even that they exist.
   */
  async storedFile(id: string, format: 'pdf' | 'xml', owner?: { customerId: string }): Promise<StoredFile> {
    const row = await repo.findStoredFile(this.#db, id, format);
    if (!row || (owner && row.customerId !== owner.customerId)) throw notFound('The invoice');
    if (row.file === null) throw documentsPending(row.number);
    const body = typeof row.file === 'string' ? Buffer.from(row.file, 'utf8') : Buffer.from(row.file);
    return { number: row.number, format, body };
  }

  /**
   * The overdue rule: an issued invoice whose due date has passed in the billing time zone becomes overdue
   * (a paid, cancelled or already overdue one stays as it is; a credit note has nothing to pay). Batch by
   * batch, each with its audit entries in one transaction. Returns how many changed.
   */
  async markOverdue(): Promise<number> {
    const now = this.#calendar.now();
    const today = this.#calendar.today();
    let changed = 0;
    for (;;) {
      const batch = await this.#db.transaction(async (tx) => {
        const rows = await repo.markOverdueBatch(tx, today, OVERDUE_BATCH, now);
        await this.#audit.recordMany(
          tx,
          rows.map((r) => ({
            actor: null,
            action: 'invoice.overdue',
            objectType: 'invoice',
            objectId: r.id,
            after: { number: r.number, dueDate: r.dueDate, detail: `due ${r.dueDate}` },
          })),
        );
        return rows.length;
      });
      changed += batch;
      if (batch < OVERDUE_BATCH) return changed;
    }
  }
}

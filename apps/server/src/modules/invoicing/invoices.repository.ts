import { and, asc, count, desc, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/connection.ts';
import { invoices } from '../../db/schema.ts';

export type InvoiceRow = typeof invoices.$inferSelect;
export type NewInvoiceRow = typeof invoices.$inferInsert;
export type InvoiceStatus = InvoiceRow['status'];
export type InvoiceKind = InvoiceRow['kind'];

const credited = alias(invoices, 'credited');

/** Every column a list shows, never the document or the rendered files (a PDF is tens of kB a row). */
const listColumns = {
  id: invoices.id,
  number: invoices.number,
  kind: invoices.kind,
  customerId: invoices.customerId,
  customerName: invoices.customerName,
  billingMonth: invoices.billingMonth,
  issuedAt: invoices.issuedAt,
  issueDate: invoices.issueDate,
  dueDate: invoices.dueDate,
  currency: invoices.currency,
  netMinor: invoices.netMinor,
  vatMinor: invoices.vatMinor,
  grossMinor: invoices.grossMinor,
  vatCategory: invoices.vatCategory,
  status: invoices.status,
  paidOn: invoices.paidOn,
  creditedInvoiceId: invoices.creditedInvoiceId,
  creditedGrossMinor: invoices.creditedGrossMinor,
  renderedAt: invoices.renderedAt,
  creditedInvoiceNumber: credited.number,
};

export interface InvoiceListRow {
  id: string;
  number: string;
  kind: InvoiceKind;
  customerId: string | null;
  customerName: string;
  billingMonth: string;
  issuedAt: Date;
  issueDate: string;
  dueDate: string;
  currency: string;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
  vatCategory: InvoiceRow['vatCategory'];
  status: InvoiceStatus;
  paidOn: string | null;
  creditedInvoiceId: string | null;
  creditedGrossMinor: number;
  renderedAt: Date | null;
  creditedInvoiceNumber: string | null;
}

/** The list's columns of invoices and credit notes (a credit note with its invoice's number), to filter and order. */
export const listQuery = (executor: Executor) =>
  executor.select(listColumns).from(invoices).leftJoin(credited, eq(credited.id, invoices.creditedInvoiceId));

/** An invoice with what its details show beyond the list's columns. */
export type InvoiceRecord = InvoiceListRow & {
  reason: string | null;
  document: unknown;
  language: 'en' | 'de';
};

/** One invoice or credit note without its rendered files; locked for the rest of the transaction with forUpdate. */
export async function findInvoice(
  executor: Executor,
  id: string,
  options: { forUpdate: boolean },
): Promise<InvoiceRecord | undefined> {
  const base = executor
    .select({
      ...listColumns,
      reason: invoices.reason,
      document: invoices.document,
      language: invoices.language,
    })
    .from(invoices)
    .leftJoin(credited, eq(credited.id, invoices.creditedInvoiceId))
    .where(eq(invoices.id, id));
  const [row] = options.forUpdate ? await base.for('update', { of: invoices }) : await base;
  return row;
}

/** An invoice's credit notes, oldest first. */
export async function creditNotesOf(executor: Executor, invoiceId: string): Promise<InvoiceListRow[]> {
  return listQuery(executor)
    .where(eq(invoices.creditedInvoiceId, invoiceId))
    .orderBy(asc(invoices.issuedAt), asc(invoices.number));
}

/** The documents of an invoice's credit notes (which lines they took). */
export async function creditNoteDocumentsOf(executor: Executor, invoiceId: string): Promise<unknown[]> {
  const rows = await executor
    .select({ document: invoices.document })
    .from(invoices)
    .where(eq(invoices.creditedInvoiceId, invoiceId));
  return rows.map((r) => r.document);
}

/** A customer's invoices and credit notes, newest first. */
export async function invoicesOfCustomer(executor: Executor, customerId: string): Promise<InvoiceListRow[]> {
  return listQuery(executor)
    .where(eq(invoices.customerId, customerId))
    .orderBy(desc(invoices.issuedAt), desc(invoices.number));
}

export async function insertInvoice(executor: Executor, row: NewInvoiceRow): Promise<{ id: string }> {
  const [inserted] = await executor.insert(invoices).values(row).returning({ id: invoices.id });
  if (!inserted) throw new Error('insert into invoices returned no row');
  return inserted;
}

export async function updateInvoice(
  executor: Executor,
  id: string,
  patch: Partial<Pick<NewInvoiceRow, 'status' | 'paidOn' | 'creditedGrossMinor' | 'updatedAt'>>,
): Promise<void> {
  await executor.update(invoices).set(patch).where(eq(invoices.id, id));
}

/**
 * Sets up to `limit` issued invoices whose due date lies before `today` overdue, skipping rows another
 * transaction holds (a payment being marked wins; the next run looks again). Returns the rows it changed.
 */
export async function markOverdueBatch(
  executor: Executor,
  today: string,
  limit: number,
  now: Date,
): Promise<{ id: string; number: string; dueDate: string }[]> {
  const due = executor
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.status, 'issued'), eq(invoices.kind, 'invoice'), lt(invoices.dueDate, today)))
    .limit(limit)
    .for('update', { skipLocked: true });
  return executor
    .update(invoices)
    .set({ status: 'overdue', updatedAt: now })
    .where(inArray(invoices.id, due))
    .returning({ id: invoices.id, number: invoices.number, dueDate: invoices.dueDate });
}

/** The stored document of one invoice: its number and owner, and the file, null while not rendered. */
export async function findStoredFile(
  executor: Executor,
  id: string,
  format: 'pdf' | 'xml',
): Promise<{ number: string; customerId: string | null; file: Uint8Array | string | null } | undefined> {
  const [row] = await executor
    .select({
      number: invoices.number,
      customerId: invoices.customerId,
      file: format === 'pdf' ? invoices.pdf : invoices.xml,
    })
    .from(invoices)
    .where(eq(invoices.id, id));
  return row;
}

/** A position in a month's export: rows come in (issued at, number) order, after this one. */
export interface ExportCursor {
  issuedAt: Date;
  number: string;
}

const afterCursor = (after: ExportCursor | null) =>
  after
    ? or(
        gt(invoices.issuedAt, after.issuedAt),
        and(eq(invoices.issuedAt, after.issuedAt), gt(invoices.number, after.number)),
      )
    : undefined;

/** The next batch of a billing month's invoices and credit notes for the CSV, in issue order. */
export async function exportRows(
  executor: Executor,
  month: string,
  after: ExportCursor | null,
  limit: number,
): Promise<InvoiceListRow[]> {
  return listQuery(executor)
    .where(and(eq(invoices.billingMonth, month), afterCursor(after)))
    .orderBy(asc(invoices.issuedAt), asc(invoices.number))
    .limit(limit);
}

export interface RenderedFiles {
  number: string;
  issuedAt: Date;
  xml: string | null;
  pdf: Uint8Array | null;
}

/** The next batch of a billing month's rendered files for the ZIP, in issue order. */
export async function exportFiles(
  executor: Executor,
  month: string,
  after: ExportCursor | null,
  limit: number,
): Promise<RenderedFiles[]> {
  return executor
    .select({ number: invoices.number, issuedAt: invoices.issuedAt, xml: invoices.xml, pdf: invoices.pdf })
    .from(invoices)
    .where(and(eq(invoices.billingMonth, month), afterCursor(after)))
    .orderBy(asc(invoices.issuedAt), asc(invoices.number))
    .limit(limit);
}

/** How many of a billing month's invoices and credit notes still wait for their documents. */
export async function countUnrendered(executor: Executor, month: string): Promise<number> {
  const [row] = await executor
    .select({ n: count() })
    .from(invoices)
    .where(and(eq(invoices.billingMonth, month), isNull(invoices.renderedAt)));
  return Number(row?.n ?? 0);
}

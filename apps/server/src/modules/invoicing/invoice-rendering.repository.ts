import type { InvoiceDocument } from '@vmsp/domain';
import { and, asc, eq, isNull, notInArray } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/connection.ts';
import { invoices } from '../../db/schema.ts';

/** What rendering an invoice and mailing it needs of its row. */
export interface InvoiceDocumentRow {
  id: string;
  kind: 'invoice' | 'credit-note';
  number: string;
  document: InvoiceDocument;
  /** A credit note's reason. */
  reason: string | null;
}

const documentRowColumns = {
  id: invoices.id,
  kind: invoices.kind,
  number: invoices.number,
  document: invoices.document,
  reason: invoices.reason,
};

/**
 * The oldest issued invoices and credit notes without documents, read without locks: the rendering happens
 * outside any transaction, and storeRendering keeps only the first rendering of a row. `skip` leaves out rows
 * this run could not render, so that they do not hold back the rest.
 */
export async function findUnrendered(
  executor: Executor,
  limit: number,
  skip: string[],
): Promise<InvoiceDocumentRow[]> {
  const rows = await executor
    .select(documentRowColumns)
    .from(invoices)
    .where(and(isNull(invoices.renderedAt), skip.length ? notInArray(invoices.id, skip) : undefined))
    .orderBy(asc(invoices.issuedAt), asc(invoices.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, document: r.document as InvoiceDocument }));
}

/**
 * Stores an invoice's documents if no one stored them first; true when this call stored them. The row stays
 * locked until the transaction ends, so a concurrent store of the same row waits, then finds it rendered.
 */
export async function storeRendering(
  tx: Tx,
  id: string,
  rendering: { xml: string; pdf: Uint8Array; renderedAt: Date },
): Promise<boolean> {
  const stored = await tx
    .update(invoices)
    .set({
      xml: rendering.xml,
      pdf: rendering.pdf,
      renderedAt: rendering.renderedAt,
      updatedAt: rendering.renderedAt,
    })
    .where(and(eq(invoices.id, id), isNull(invoices.renderedAt)))
    .returning({ id: invoices.id });
  return stored.length > 0;
}

/** Links a rendered invoice to the mail that sends its PDF. */
export async function setMail(tx: Tx, id: string, mailId: string): Promise<void> {
  await tx.update(invoices).set({ mailId }).where(eq(invoices.id, id));
}

/** An invoice's stored PDF, or null while it is not rendered (or the invoice does not exist). */
export async function findInvoicePdf(executor: Executor, id: string): Promise<Uint8Array | null> {
  const [row] = await executor.select({ pdf: invoices.pdf }).from(invoices).where(eq(invoices.id, id));
  return row?.pdf ?? null;
}

/** An invoice or credit note with whether its documents are stored yet (a mail can only carry a stored PDF). */
export async function findDocumentRow(
  executor: Executor,
  id: string,
): Promise<(InvoiceDocumentRow & { rendered: boolean }) | undefined> {
  const [row] = await executor
    .select({ ...documentRowColumns, renderedAt: invoices.renderedAt })
    .from(invoices)
    .where(eq(invoices.id, id));
  if (!row) return undefined;
  const { renderedAt, ...rest } = row;
  return { ...rest, document: rest.document as InvoiceDocument, rendered: renderedAt !== null };
}

import type { InvoiceDocument } from '@vmsp/domain';
import { and, asc, eq, isNull, notInArray } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/connection.ts';
import { invoices } from '../../db/schema.ts';

/** What rendering an invoice and mailing it needs of its row. */
export interface UnrenderedInvoice {
  id: string;
  kind: 'invoice' | 'credit-note';
  number: string;
  document: InvoiceDocument;
  /** A credit note's reason. */
  reason: string | null;
}

/**
 * The oldest issued invoices and credit notes without documents, locked; rows another instance is rendering
 * are skipped, so instances split the work instead of waiting for each other. `skip` leaves out rows this run
 * could not render, so that they do not hold back the rest.
 */
export async function lockUnrendered(tx: Tx, limit: number, skip: string[]): Promise<UnrenderedInvoice[]> {
  const rows = await tx
    .select({
      id: invoices.id,
      kind: invoices.kind,
      number: invoices.number,
      document: invoices.document,
      reason: invoices.reason,
    })
    .from(invoices)
    .where(and(isNull(invoices.renderedAt), skip.length ? notInArray(invoices.id, skip) : undefined))
    .orderBy(asc(invoices.issuedAt), asc(invoices.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  return rows.map((r) => ({ ...r, document: r.document as InvoiceDocument }));
}

/** Stores an invoice's documents once (a row rendered meanwhile is left as it is), with the mail that sends it. */
export async function storeRendering(
  tx: Tx,
  id: string,
  rendering: { xml: string; pdf: Uint8Array; mailId: string | null; renderedAt: Date },
): Promise<void> {
  await tx
    .update(invoices)
    .set({
      xml: rendering.xml,
      pdf: rendering.pdf,
      renderedAt: rendering.renderedAt,
      mailId: rendering.mailId,
      updatedAt: rendering.renderedAt,
    })
    .where(and(eq(invoices.id, id), isNull(invoices.renderedAt)));
}

/** An invoice's stored PDF, or null while it is not rendered (or the invoice does not exist). */
export async function findInvoicePdf(executor: Executor, id: string): Promise<Uint8Array | null> {
  const [row] = await executor.select({ pdf: invoices.pdf }).from(invoices).where(eq(invoices.id, id));
  return row?.pdf ?? null;
}

import type { AuditEntry, InvoiceDetails, InvoiceListItem } from '@vmsp/contracts';
import type { InvoiceDocument } from '@vmsp/domain';
import type { InvoiceListRow, InvoiceRecord } from './invoices.repository.ts';

export function toListItem(row: InvoiceListRow): InvoiceListItem {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    customerId: row.customerId,
    customerName: row.customerName,
    billingMonth: row.billingMonth,
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    currency: row.currency,
    netMinor: row.netMinor,
    vatMinor: row.vatMinor,
    grossMinor: row.grossMinor,
    vatCategory: row.vatCategory,
    status: row.status,
    paidOn: row.paidOn,
    creditedInvoiceNumber: row.creditedInvoiceNumber,
    documentsReady: row.renderedAt !== null,
  };
}

/** The gross a credit note may still take back: none on a credit note or a cancelled invoice. */
export function creditableGross(
  row: Pick<InvoiceListRow, 'kind' | 'status' | 'grossMinor' | 'creditedGrossMinor'>,
) {
  if (row.kind !== 'invoice' || row.status === 'cancelled') return 0;
  return Math.max(0, row.grossMinor - row.creditedGrossMinor);
}

/** One line of an invoice's history: the audit entries about it, with the short detail each one recorded. */
export function toHistoryEntry(entry: AuditEntry): InvoiceDetails['history'][number] {
  const after = entry.after as { detail?: unknown } | null;
  return {
    at: entry.at,
    action: entry.action,
    actorEmail: entry.actorEmail,
    detail: typeof after?.detail === 'string' ? after.detail : null,
  };
}

export function toDetails(
  row: InvoiceRecord,
  creditNotes: InvoiceListRow[],
  creditedLineIds: number[],
  history: InvoiceDetails['history'],
): InvoiceDetails {
  const doc = row.document as InvoiceDocument;
  return {
    ...toListItem(row),
    language: row.language,
    buyer: {
      name: doc.buyer.name,
      street: doc.buyer.street,
      postalCode: doc.buyer.postalCode,
      city: doc.buyer.city,
      country: doc.buyer.country,
      vatId: doc.buyer.vatId,
      email: doc.buyer.email,
    },
    lines: doc.lines.map((l) => ({
      id: l.id,
      articleName: l.articleName,
      articleNumber: l.articleNumber,
      periodFrom: l.periodFrom,
      periodTo: l.periodTo,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      netMinor: l.netMinor,
      vatCategory: l.vatCategory,
      vatRateBasisPoints: l.vatRateBasisPoints,
    })),
    vat: doc.vat.map((v) => ({
      category: v.category,
      rateBasisPoints: v.rateBasisPoints,
      taxableMinor: v.taxableMinor,
      vatMinor: v.vatMinor,
      exemptionReason: v.exemptionReason,
    })),
    notes: doc.notes,
    reason: row.reason,
    creditNotes: creditNotes.map(toListItem),
    creditableGrossMinor: creditableGross(row),
    creditedLineIds,
    history,
  };
}

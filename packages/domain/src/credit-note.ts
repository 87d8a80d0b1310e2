import type { InvoiceDocument, VatCategory } from './invoice-document.ts';
import { invoiceTotals } from './invoice-totals.ts';

export interface CreditNoteInput {
  /** The credit note's own number (BT-1), from the same gapless sequence as invoices. */
  number: string;
  /** `YYYY-MM-DD` in the billing time zone. */
  issueDate: string;
  dueDate: string;
  /** Why the invoice is credited; shown as the first note. */
  reason: string;
  /** The invoice's line ids to credit; all lines when omitted. */
  lineIds?: number[];
}

/**
 * The credit note (UNTDID 1001 type 381) for an issued invoice, in full or for chosen lines: the same seller,
 * buyer, month, currency and language; the chosen lines as they were invoiced (positive amounts: the type code
 * says it credits), in the invoice's order and numbered 1…n; the VAT breakdown and totals recomputed from them
 * (invoiceTotals) with the invoice's exemption reasons; the invoice as the preceding invoice (BT-25, BT-26);
 * the reason as the first note, then the invoice's notes (a reverse-charge or not-subject-to-VAT note still
 * applies to the credited lines).
 *
 * A partial credit note's VAT is rounded on its own lines (BR-CO-17), so the VAT of several partial credit notes
 * may differ from the invoice's VAT by a cent per breakdown; a full credit note credits exactly the invoice.
 *
 * Throws RangeError when the document is itself a credit note, the reason is blank, lineIds is empty, names a
 * line the invoice does not have, or names a line twice (that would credit more than was invoiced).
 */
export function creditNoteDocument(invoice: InvoiceDocument, input: CreditNoteInput): InvoiceDocument {
  if (invoice.typeCode !== '380') throw new RangeError(`${invoice.number} is a credit note, not an invoice`);
  const reason = input.reason.trim();
  if (reason === '') throw new RangeError('A credit note needs a reason');

  let lines = invoice.lines;
  if (input.lineIds !== undefined) {
    const chosen = new Set(input.lineIds);
    if (chosen.size === 0) throw new RangeError('A credit note needs at least one line');
    if (chosen.size !== input.lineIds.length) throw new RangeError('A line is named twice');
    const known = new Set(invoice.lines.map((line) => line.id));
    const unknown = [...chosen].filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new RangeError(`${invoice.number} has no line ${unknown.join(', ')}`);
    }
    lines = invoice.lines.filter((line) => chosen.has(line.id));
  }
  const credited = lines.map((line, i) => ({ ...line, id: i + 1 }));

  const reasons = new Map<VatCategory, string | null>(
    invoice.vat.map((b) => [b.category, b.exemptionReason]),
  );
  const { vat, totals } = invoiceTotals(credited, (category) => reasons.get(category) ?? null);

  return {
    ...invoice,
    typeCode: '381',
    number: input.number,
    issueDate: input.issueDate,
    dueDate: input.dueDate,
    lines: credited,
    vat,
    totals,
    notes: [reason, ...invoice.notes],
    precedingInvoice: { number: invoice.number, issueDate: invoice.issueDate },
  };
}

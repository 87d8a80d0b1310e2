import type { InvoiceDocument, InvoiceLine } from '@vmsp/domain';

/** A line as invoiced, without its position: a credit note renumbers the lines it takes over, unchanged otherwise. */
const contentOf = (l: InvoiceLine) =>
  JSON.stringify([
    l.articleName,
    l.articleNumber,
    l.periodFrom,
    l.periodTo,
    l.quantity,
    l.unitPriceMinor,
    l.netMinor,
    l.vatCategory,
    l.vatRateBasisPoints,
  ]);

/**
 * The ids of the invoice's lines that its credit notes have credited. Each credit-note line is matched to
 * one not yet matched invoice line of equal content, so that two equal lines credited once leave one open.
 * Lines, not gross amounts, decide what is left: VAT is rounded per document, so partial credit notes may
 * together differ from the invoice's VAT by a cent, and a rule on amounts alone would refuse the last line
 * or leave a cent open.
 */
export function creditedLineIds(
  invoice: InvoiceDocument,
  creditNotes: readonly InvoiceDocument[],
): Set<number> {
  const open = new Map<string, number[]>();
  for (const line of invoice.lines) {
    const key = contentOf(line);
    open.set(key, [...(open.get(key) ?? []), line.id]);
  }
  const credited = new Set<number>();
  for (const note of creditNotes) {
    for (const line of note.lines) {
      const id = open.get(contentOf(line))?.shift();
      if (id !== undefined) credited.add(id);
    }
  }
  return credited;
}

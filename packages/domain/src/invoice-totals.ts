import type { InvoiceLine, InvoiceTotals, VatBreakdown, VatCategory } from './invoice-document.ts';
import { divideHalfUp } from './money.ts';

/**
 * The VAT breakdown and the document totals of an invoice's lines, by EN 16931's rules, in integer cents:
 * - one breakdown per VAT category and rate, in the order they first occur on the lines; its taxable amount is
 *   the sum of those line nets (BR-S-08, BR-AE-08, BR-O-08, BR-G-08), its VAT is taxable × rate rounded half-up
 *   to the cent once per breakdown, never per line (BR-CO-17);
 * - line total = Σ line nets (BR-CO-10); net = line total, as the portal gives no document-level allowances or
 *   charges (BR-CO-13); VAT = Σ breakdown VAT (BR-CO-14); gross = net + VAT (BR-CO-15), which is also what is
 *   due, as nothing is prepaid (BR-CO-16).
 * `exemptionReasonOf` gives each breakdown its exemption reason (BT-120), e.g. vatExemptionReason in the
 * invoice's language; 'S' gets none, whatever it returns (BR-S-10).
 *
 * No lines give no breakdown and zero totals; an invoice needs at least one line (BR-16), which the caller
 * checks. Throws RangeError for a line net or rate that is not a whole number ≥ 0, or a VAT beyond the safe
 * integers.
 */
export function invoiceTotals(
  lines: readonly InvoiceLine[],
  exemptionReasonOf: (category: VatCategory) => string | null,
): { vat: VatBreakdown[]; totals: InvoiceTotals } {
  const groups = new Map<string, { category: VatCategory; rateBasisPoints: number; taxableMinor: number }>();
  let lineTotalMinor = 0;
  for (const line of lines) {
    const { netMinor, vatCategory: category, vatRateBasisPoints: rateBasisPoints } = line;
    if (!Number.isSafeInteger(netMinor) || netMinor < 0) {
      throw new RangeError(`Line ${line.id}: a net amount is whole cents ≥ 0, got ${netMinor}`);
    }
    if (!Number.isSafeInteger(rateBasisPoints) || rateBasisPoints < 0) {
      throw new RangeError(`Line ${line.id}: a VAT rate is whole basis points ≥ 0, got ${rateBasisPoints}`);
    }
    const key = `${category} ${rateBasisPoints}`;
    const group = groups.get(key) ?? { category, rateBasisPoints, taxableMinor: 0 };
    group.taxableMinor += netMinor;
    groups.set(key, group);
    lineTotalMinor += netMinor;
  }
  if (!Number.isSafeInteger(lineTotalMinor))
    throw new RangeError('The line total is beyond the safe integers');

  const vat: VatBreakdown[] = [...groups.values()].map((group) => ({
    ...group,
    // Basis points: rate % = bp / 100, so VAT = taxable × bp / 10,000.
    vatMinor: divideHalfUp(group.taxableMinor * group.rateBasisPoints, 10_000),
    exemptionReason: group.category === 'S' ? null : exemptionReasonOf(group.category),
  }));
  const vatMinor = vat.reduce((sum, b) => sum + b.vatMinor, 0);
  return {
    vat,
    totals: { lineTotalMinor, netMinor: lineTotalMinor, vatMinor, grossMinor: lineTotalMinor + vatMinor },
  };
}

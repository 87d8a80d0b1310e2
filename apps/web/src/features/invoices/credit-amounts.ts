import type { InvoiceDetails } from '@vmsp/contracts';
import { divideHalfUp } from '@vmsp/domain';

type Line = Pick<InvoiceDetails['lines'][number], 'netMinor' | 'vatCategory' | 'vatRateBasisPoints'>;

/**
 * What a credit note for these lines comes to, shown before it is issued: their net, and the VAT of each
 * category and rate on that category's net, rounded half-up once (as the invoice computes it, EN 16931
 * BR-CO-17). The server computes the figure that is issued; this one only tells the admin in advance.
 */
export function creditAmounts(lines: readonly Line[]): { net: number; vat: number; gross: number } {
  const netByRate = new Map<string, { rate: number; net: number }>();
  for (const line of lines) {
    const key = `${line.vatCategory}/${line.vatRateBasisPoints}`;
    const group = netByRate.get(key) ?? { rate: line.vatRateBasisPoints, net: 0 };
    group.net += line.netMinor;
    netByRate.set(key, group);
  }
  const net = lines.reduce((sum, line) => sum + line.netMinor, 0);
  const vat = [...netByRate.values()].reduce((sum, g) => sum + divideHalfUp(g.net * g.rate, 10_000), 0);
  return { net, vat, gross: net + vat };
}

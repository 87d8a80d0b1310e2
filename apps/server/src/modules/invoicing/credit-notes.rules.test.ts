import type { InvoiceDocument } from '@vmsp/domain';
import { describe, expect, it } from 'vitest';
import { creditedLineIds } from './credit-notes.rules.ts';
import { testInvoiceDocument } from './test-invoices.ts';

const invoice = testInvoiceDocument('RE-2026-000001', {
  customerId: null,
  billingMonth: '2026-11',
  issueDate: '2026-12-01',
  lines: [
    { quantity: 50, unitPriceMinor: 200 },
    { quantity: 10, unitPriceMinor: 100 },
    { quantity: 10, unitPriceMinor: 100 },
  ],
});
/** A credit note taking the given invoice lines, renumbered 1…n as credit notes number them. */
const noteOf = (...ids: number[]): InvoiceDocument => ({
  ...invoice,
  typeCode: '381',
  lines: invoice.lines.filter((l) => ids.includes(l.id)).map((l, i) => ({ ...l, id: i + 1 })),
});

describe('creditedLineIds', () => {
  it('finds the credited lines although credit notes renumber them', () => {
    expect(creditedLineIds(invoice, [])).toEqual(new Set());
    expect(creditedLineIds(invoice, [noteOf(1)])).toEqual(new Set([1]));
    expect(creditedLineIds(invoice, [noteOf(1, 2, 3)])).toEqual(new Set([1, 2, 3]));
  });

  it('counts equal lines one by one', () => {
    // Lines 2 and 3 are equal except for their id (articles differ by id in the fixture, so make them equal).
    const twins: InvoiceDocument = {
      ...invoice,
      lines: invoice.lines.map((l) => (l.id === 3 ? ({ ...invoice.lines[1], id: 3 } as typeof l) : l)),
    };
    const twinNote: InvoiceDocument = {
      ...twins,
      typeCode: '381',
      lines: [{ ...twins.lines[1], id: 1 } as (typeof twins.lines)[number]],
    };
    expect(creditedLineIds(twins, [twinNote])).toEqual(new Set([2]));
    expect(creditedLineIds(twins, [twinNote, twinNote])).toEqual(new Set([2, 3]));
  });

  it('ignores a line the invoice does not have', () => {
    const other: InvoiceDocument = {
      ...noteOf(1),
      lines: [{ ...invoice.lines[0], quantity: 51, id: 1 } as (typeof invoice.lines)[number]],
    };
    expect(creditedLineIds(invoice, [other])).toEqual(new Set());
  });
});

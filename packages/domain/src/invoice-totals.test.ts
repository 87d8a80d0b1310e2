import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InvoiceLine, VatCategory } from './invoice-document.ts';
import { invoiceTotals } from './invoice-totals.ts';
import { vatExemptionReason } from './vat-treatment.ts';

let nextId = 1;
const line = (netMinor: number, vatCategory: VatCategory = 'S', vatRateBasisPoints = 1900): InvoiceLine => ({
  id: nextId++,
  articleName: 'Scan',
  articleNumber: 'ART-1',
  periodFrom: '2026-11-01',
  periodTo: '2026-11-30',
  quantity: 1,
  unitPriceMinor: netMinor,
  netMinor,
  vatCategory,
  vatRateBasisPoints,
});
const english = (category: VatCategory) => vatExemptionReason(category, 'en');

describe('invoiceTotals', () => {
  it('totals the spec example at 19 %: 450.00 net, 85.50 VAT, 535.50 gross', () => {
    expect(invoiceTotals([line(10000), line(30000), line(5000)], english)).toEqual({
      vat: [
        { category: 'S', rateBasisPoints: 1900, taxableMinor: 45000, vatMinor: 8550, exemptionReason: null },
      ],
      totals: { lineTotalMinor: 45000, netMinor: 45000, vatMinor: 8550, grossMinor: 53550 },
    });
  });

  it('rounds VAT once per breakdown, not per line (BR-CO-17)', () => {
    // Three lines of 0.01: 0.0019 VAT each would round to 0; their sum 0.03 × 19 % = 0.0057 → 0.01.
    const result = invoiceTotals([line(1), line(1), line(1)], english);
    expect(result.vat[0]?.vatMinor).toBe(1);
    expect(result.totals).toEqual({ lineTotalMinor: 3, netMinor: 3, vatMinor: 1, grossMinor: 4 });
  });

  it('rounds an exact half cent of VAT up', () => {
    expect(invoiceTotals([line(50, 'S', 100)], english).vat[0]?.vatMinor).toBe(1); // 0.50 × 1 % = 0.005
    expect(invoiceTotals([line(49, 'S', 100)], english).vat[0]?.vatMinor).toBe(0);
  });

  it('gives one breakdown per category and rate, in first-occurrence order, with exemption reasons', () => {
    const result = invoiceTotals(
      [
        line(1000, 'AE', 0),
        line(2000, 'S', 700),
        line(3000, 'S', 1900),
        line(500, 'AE', 0),
        line(100, 'S', 700),
      ],
      english,
    );
    expect(result.vat).toEqual([
      {
        category: 'AE',
        rateBasisPoints: 0,
        taxableMinor: 1500,
        vatMinor: 0,
        exemptionReason: 'Reverse charge',
      },
      { category: 'S', rateBasisPoints: 700, taxableMinor: 2100, vatMinor: 147, exemptionReason: null },
      { category: 'S', rateBasisPoints: 1900, taxableMinor: 3000, vatMinor: 570, exemptionReason: null },
    ]);
    expect(result.totals).toEqual({ lineTotalMinor: 6600, netMinor: 6600, vatMinor: 717, grossMinor: 7317 });
  });

  it('never gives a standard-rated breakdown an exemption reason (BR-S-10)', () => {
    expect(invoiceTotals([line(100)], () => 'anything').vat[0]?.exemptionReason).toBeNull();
    expect(invoiceTotals([line(100, 'O', 0)], english).vat[0]?.exemptionReason).toBe('Not subject to VAT');
  });

  it('gives no breakdown and zero totals for no lines', () => {
    expect(invoiceTotals([], english)).toEqual({
      vat: [],
      totals: { lineTotalMinor: 0, netMinor: 0, vatMinor: 0, grossMinor: 0 },
    });
  });

  it.each([
    ['a negative net', line(-1)],
    ['a fractional net', line(1.5)],
    ['a negative rate', line(100, 'S', -1)],
  ])('refuses %s', (_, bad) => {
    expect(() => invoiceTotals([line(100), bad], english)).toThrow(RangeError);
  });

  it('adds up to the cent for any lines (BR-CO-10, -13, -14, -15, -17)', () => {
    const lineArb = fc
      .record({
        net: fc.integer({ min: 0, max: 10_000_000_000 }),
        vat: fc.constantFrom(
          { category: 'S' as const, rate: 1900 },
          { category: 'S' as const, rate: 700 },
          { category: 'S' as const, rate: 1950 },
          { category: 'AE' as const, rate: 0 },
          { category: 'O' as const, rate: 0 },
        ),
      })
      .map(({ net, vat }) => line(net, vat.category, vat.rate));
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 30 }), (lines) => {
        const { vat, totals } = invoiceTotals(lines, english);
        const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
        expect(totals.lineTotalMinor).toBe(sum(lines.map((l) => l.netMinor)));
        expect(totals.netMinor).toBe(totals.lineTotalMinor);
        expect(sum(vat.map((b) => b.taxableMinor))).toBe(totals.netMinor);
        expect(totals.vatMinor).toBe(sum(vat.map((b) => b.vatMinor)));
        expect(totals.grossMinor).toBe(totals.netMinor + totals.vatMinor);
        expect(new Set(vat.map((b) => `${b.category} ${b.rateBasisPoints}`)).size).toBe(vat.length);
        for (const b of vat) {
          const ofGroup = lines.filter(
            (l) => l.vatCategory === b.category && l.vatRateBasisPoints === b.rateBasisPoints,
          );
          expect(b.taxableMinor).toBe(sum(ofGroup.map((l) => l.netMinor)));
          // Half-up to the cent, checked in exact integer arithmetic: VAT × 10,000 − taxable × rate lies in
          // (−5,000, 5,000]; a tie goes up.
          const exact = BigInt(b.taxableMinor) * BigInt(b.rateBasisPoints);
          const diff = BigInt(b.vatMinor) * 10_000n - exact;
          expect(diff > -5_000n && diff <= 5_000n).toBe(true);
          if (b.rateBasisPoints === 0) expect(b.vatMinor).toBe(0);
        }
      }),
    );
  });
});

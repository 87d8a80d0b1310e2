import { describe, expect, it } from 'vitest';
import { creditAmounts } from './credit-amounts.ts';

const line = (netMinor: number, vatCategory: 'S' | 'AE' | 'G' | 'O' = 'S', vatRateBasisPoints = 1900) => ({
  netMinor,
  vatCategory,
  vatRateBasisPoints,
});

describe('creditAmounts', () => {
  it('is zero for no lines', () => {
    expect(creditAmounts([])).toEqual({ net: 0, vat: 0, gross: 0 });
  });

  it('rounds the VAT once on the sum of a rate, not per line', () => {
    // 19 % of 0.03 is 0.0057 per line (0.01 each when rounded per line, 0.03 for three); on the sum 0.09
    // it is 0.0171, rounded once to 0.02.
    expect(creditAmounts([line(3), line(3), line(3)])).toEqual({ net: 9, vat: 2, gross: 11 });
  });

  it('rounds half up', () => {
    // 19 % of 0.50 is 0.095 → 0.10
    expect(creditAmounts([line(50)])).toEqual({ net: 50, vat: 10, gross: 60 });
  });

  it('keeps rates and categories apart', () => {
    // 450.00 at 19 % → 85.50; 100.00 reverse charge at 0 % → 0
    expect(creditAmounts([line(45_000), line(10_000, 'AE', 0)])).toEqual({
      net: 55_000,
      vat: 8_550,
      gross: 63_550,
    });
  });
});

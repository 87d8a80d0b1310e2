import { describe, expect, it } from 'vitest';
import { basisPointsOf, paymentTermOf } from './company-settings-values.ts';

describe('basisPointsOf', () => {
  it.each([
    [19, 1900],
    ['19', 1900],
    [7.5, 750],
    [7.15, 715],
    [0, 0],
    [100, 10_000],
    [0.01, 1],
  ])('%s %% is %s basis points', (percent, basisPoints) => {
    expect(basisPointsOf(percent)).toBe(basisPoints);
  });

  it.each([[''], [-1], [100.01], [19.005], ['abc'], [Number.NaN]])('refuses %s', (percent) => {
    expect(basisPointsOf(percent)).toBeNull();
  });
});

describe('paymentTermOf', () => {
  it('takes whole days from 0 to 365', () => {
    expect(paymentTermOf(0)).toBe(0);
    expect(paymentTermOf('14')).toBe(14);
    expect(paymentTermOf(365)).toBe(365);
  });

  it.each([[''], [-1], [366], [1.5]])('refuses %s', (days) => {
    expect(paymentTermOf(days)).toBeNull();
  });
});

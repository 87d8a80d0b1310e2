import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideHalfUp } from './money.ts';

describe('divideHalfUp', () => {
  it.each([
    [45_000, 300, 150],
    [100, 3, 33],
    [200, 3, 67],
    [5, 2, 3],
    [-5, 2, -3],
    [1, 3, 0],
    [0, 7, 0],
  ])('%i / %i → %i', (n, d, expected) => {
    expect(divideHalfUp(n, d)).toBe(expected);
  });

  it('is within half a unit of the exact quotient, and exact when it divides', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
        const q = divideHalfUp(n, d);
        expect(Math.abs(q * d - n) * 2).toBeLessThanOrEqual(d);
        expect(divideHalfUp(n * 1, 1)).toBe(n);
      }),
    );
  });

  it('refuses a zero denominator', () => {
    expect(() => divideHalfUp(1, 0)).toThrow(RangeError);
  });
});

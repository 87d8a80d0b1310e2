import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validDistribution, withExternal, withInternal } from '../subscriptions/ip-distribution.ts';
import { initialSplit, marginMinor, parseSalesPrice, stepOfError } from './project-key-redeem.ts';

describe('the first split of a key', () => {
  it.each([
    ['all internal without a subscription', null, 100, { total: 100, internal: 100, external: 0 }],
    [
      'all internal when the customer has no IPs',
      { ipsInternal: 0, ipsExternal: 0 },
      50,
      {
        total: 50,
        internal: 50,
        external: 0,
      },
    ],
    [
      'keeps the internal IPs that fit',
      { ipsInternal: 30, ipsExternal: 10 },
      100,
      {
        total: 100,
        internal: 30,
        external: 70,
      },
    ],
    [
      'clamps internal to the key',
      { ipsInternal: 80, ipsExternal: 20 },
      50,
      {
        total: 50,
        internal: 50,
        external: 0,
      },
    ],
  ])('%s', (_, current, ips, expected) => {
    expect(initialSplit(current, ips)).toEqual(expected);
  });

  it('slider and inputs always add up to the key’s IPs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: -10, max: 200_000 }))),
        (ips, moves) => {
          let draft = initialSplit(null, ips);
          for (const [internal, value] of moves) {
            draft = internal ? withInternal(draft, value) : withExternal(draft, value);
          }
          expect(validDistribution(draft, ips)).toEqual({
            total: ips,
            internal: draft.internal,
            external: ips - (draft.internal ?? 0),
          });
        },
      ),
    );
  });
});

describe('the sales price and the margin', () => {
  it.each([
    ['1500', 150_000],
    ['1500.5', 150_050],
    ['1.500,50', 150_050],
    ['0', 0],
    [' 1.15 ', 115],
  ])('%s is %i cents', (text, minor) => {
    expect(parseSalesPrice(text)).toEqual({ ok: true, minor });
  });

  it.each([
    ['', 'empty'],
    ['-1', 'negative'],
    ['12.345', 'ambiguous'],
    ['1.234', 'ambiguous'],
    ['1,2,3', 'malformed'],
    ['1.999', 'ambiguous'],
    ['1.9999', 'too-many-decimals'],
  ])('%s is refused as %s', (text, reason) => {
    expect(parseSalesPrice(text)).toEqual({ ok: false, field: 'salesPrice', reason });
  });

  it('is the sales price less the purchase price, in whole cents', () => {
    expect(marginMinor(150_050, 120_000)).toBe(30_050);
    expect(marginMinor(100_000, 120_000)).toBe(-20_000);
  });
});

describe('where a refusal is shown', () => {
  it.each([
    [{ code: 'PROJECT_KEY_REDEEMED' }, 0],
    [{ code: 'PROJECT_KEY_EXPIRED', field: 'key' }, 0],
    [{ code: 'VALIDATION_FAILED', field: 'key' }, 0],
    [{ code: 'VALIDATION_FAILED', field: 'salesPrice' }, 1],
    [{ code: 'VALIDATION_FAILED', field: 'internal' }, 2],
    [{ code: 'VALIDATION_FAILED', field: 'total' }, 2],
    [{ code: 'CONFLICT' }, 3],
    [{ code: 'PAYMENT_METHOD_INACTIVE' }, 3],
  ])('%o at step %i', (error, step) => {
    expect(stepOfError(error)).toBe(step);
  });
});

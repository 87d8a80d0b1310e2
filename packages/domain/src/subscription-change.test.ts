import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billingMonthOf } from './billing-month.ts';
import { type ChangeKind, classifyChange, effectiveAt, validateDistribution } from './subscription-change.ts';

const BERLIN = 'Europe/Berlin';

describe('classifyChange', () => {
  it.each<[number | null, number, ChangeKind]>([
    [null, 1, 'start'],
    [null, 500, 'start'],
    [10, 11, 'upgrade'],
    [10, 9, 'downgrade'],
    [10, 10, 'redistribution'],
    [1, 500, 'upgrade'],
  ])('%s → %i is %s', (current, next, kind) => {
    expect(classifyChange(current, next)).toBe(kind);
  });

  it.each<[number | null, number]>([
    [null, 0],
    [0, 5],
    [5, 1.5],
    [5, Number.NaN],
    [-1, 5],
  ])('refuses %s → %s', (current, next) => {
    expect(() => classifyChange(current, next)).toThrow(RangeError);
  });

  it('is an upgrade exactly when the total grows and a downgrade exactly when it shrinks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (current, next) => {
        const kind = classifyChange(current, next);
        expect(kind === 'upgrade').toBe(next > current);
        expect(kind === 'downgrade').toBe(next < current);
        expect(kind === 'redistribution').toBe(next === current);
      }),
    );
  });
});

describe('effectiveAt', () => {
  // 31 Jan 2026 23:30 in Berlin, half an hour before February.
  const now = new Date('2026-01-31T22:30:00Z');
  const february = '2026-01-31T23:00:00.000Z';

  it.each<[ChangeKind, boolean, string]>([
    ['start', false, now.toISOString()],
    ['start', true, now.toISOString()],
    ['redistribution', false, now.toISOString()],
    ['redistribution', true, now.toISOString()],
    ['upgrade', true, now.toISOString()],
    ['upgrade', false, february],
    ['downgrade', false, february],
    ['downgrade', true, february],
  ])('%s (instant: %s) takes effect at %s', (kind, instant, expected) => {
    expect(effectiveAt({ kind, instant, now, timeZone: BERLIN }).toISOString()).toBe(expected);
  });

  it('schedules for the next month in the provider zone, not in UTC', () => {
    // 1 Feb 2026 00:30 UTC is already February in Berlin: the downgrade waits for March.
    const early = new Date('2026-02-01T00:30:00Z');
    expect(
      effectiveAt({ kind: 'downgrade', instant: false, now: early, timeZone: BERLIN }).toISOString(),
    ).toBe('2026-02-28T23:00:00.000Z');
    expect(
      effectiveAt({ kind: 'downgrade', instant: false, now: early, timeZone: 'UTC' }).toISOString(),
    ).toBe('2026-03-01T00:00:00.000Z');
  });

  it('applies a downgrade made on the boundary at the end of the month that just began', () => {
    const boundary = new Date(february);
    expect(
      effectiveAt({ kind: 'downgrade', instant: true, now: boundary, timeZone: BERLIN }).toISOString(),
    ).toBe('2026-02-28T23:00:00.000Z');
  });

  it('does not hand out the caller’s Date object', () => {
    const result = effectiveAt({ kind: 'start', instant: false, now, timeZone: BERLIN });
    expect(result).toEqual(now);
    expect(result).not.toBe(now);
  });

  it('never lies in the past, and a scheduled change starts exactly at a month boundary', () => {
    const kinds: ChangeKind[] = ['start', 'upgrade', 'downgrade', 'redistribution'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...kinds),
        fc.boolean(),
        fc.constantFrom(BERLIN, 'America/New_York', 'Pacific/Auckland', 'UTC'),
        (time, kind, instant, timeZone) => {
          const now = new Date(time);
          const at = effectiveAt({ kind, instant, now, timeZone });
          expect(at.getTime()).toBeGreaterThanOrEqual(time);
          if (at.getTime() !== time) {
            expect(billingMonthOf(at, timeZone).start).toEqual(at);
            expect(at).toEqual(billingMonthOf(now, timeZone).end);
          }
        },
      ),
    );
  });
});

describe('validateDistribution', () => {
  const max = 500;
  it.each([
    [{ total: 10, internal: 4, external: 6 }, []],
    [{ total: 1, internal: 0, external: 1 }, []],
    [{ total: 500, internal: 500, external: 0 }, []],
    [{ total: 0, internal: 0, external: 0 }, [{ field: 'total', rule: 'too-small' }]],
    [{ total: 501, internal: 501, external: 0 }, [{ field: 'total', rule: 'too-large' }]],
    [
      { total: 2.5, internal: 1, external: 1.5 },
      [
        { field: 'total', rule: 'not-whole-number' },
        { field: 'external', rule: 'not-whole-number' },
      ],
    ],
    [{ total: 10, internal: -1, external: 11 }, [{ field: 'internal', rule: 'too-small' }]],
    [{ total: 10, internal: 4, external: Number.NaN }, [{ field: 'external', rule: 'not-whole-number' }]],
    [{ total: 10, internal: 4, external: 5 }, [{ field: 'total', rule: 'sum-mismatch' }]],
    [{ total: 10, internal: 2 ** 53, external: 0 }, [{ field: 'internal', rule: 'not-whole-number' }]],
  ])('%o → %o', (input, problems) => {
    expect(validateDistribution({ ...input, max })).toEqual(problems);
  });

  it('refuses every total when the price table is empty (max 0)', () => {
    expect(validateDistribution({ total: 1, internal: 1, external: 0, max: 0 })).toEqual([
      { field: 'total', rule: 'too-large' },
    ]);
  });

  it('accepts every split of a valid total, as the slider produces it, and nothing that does not add up', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 10_000 })
          .chain((m) =>
            fc
              .integer({ min: 1, max: m })
              .chain((total) =>
                fc.tuple(fc.constant(m), fc.constant(total), fc.integer({ min: 0, max: total })),
              ),
          ),
        fc.integer({ min: -3, max: 3 }),
        ([m, total, internal], off) => {
          const external = total - internal;
          expect(validateDistribution({ total, internal, external, max: m })).toEqual([]);
          fc.pre(off !== 0 && external + off >= 0);
          expect(validateDistribution({ total, internal, external: external + off, max: m })).toEqual([
            { field: 'total', rule: 'sum-mismatch' },
          ]);
        },
      ),
    );
  });
});

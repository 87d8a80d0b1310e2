import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DistributionDraft,
  draftProblems,
  initialDraft,
  planChange,
  validDistribution,
  withExternal,
  withInternal,
  withTotal,
} from './ip-distribution.ts';

const draft = (
  total: number | null,
  internal: number | null,
  external: number | null,
): DistributionDraft => ({
  total,
  internal,
  external,
});

describe('keeping slider and inputs in step', () => {
  it.each([
    ['keeps internal when it fits', draft(10, 4, 6), 20, draft(20, 4, 16)],
    ['clamps internal to a smaller total', draft(10, 8, 2), 5, draft(5, 5, 0)],
    ['starts a new subscription as all internal', draft(null, null, null), 7, draft(7, 7, 0)],
    ['leaves the split alone while the total is empty', draft(10, 4, 6), null, draft(null, 4, 6)],
  ])('a new total %s', (_, before, total, after) => {
    expect(withTotal(before, total)).toEqual(after);
  });

  it('gives external what internal leaves, and internal what external leaves', () => {
    expect(withInternal(draft(10, 4, 6), 7)).toEqual(draft(10, 7, 3));
    expect(withExternal(draft(10, 4, 6), 1)).toEqual(draft(10, 9, 1));
  });

  it('never lets one side exceed the total', () => {
    expect(withInternal(draft(10, 4, 6), 15)).toEqual(draft(10, 10, 0));
    expect(withExternal(draft(10, 4, 6), 15)).toEqual(draft(10, 0, 10));
  });

  it('shows a half-typed side as typed until it is a number', () => {
    expect(withInternal(draft(10, 4, 6), null)).toEqual(draft(10, null, 6));
  });

  it('always adds up to the total, whatever is moved in which order', () => {
    const count = fc.integer({ min: 0, max: 100_000 });
    const step = fc.oneof(
      count.map((n) => (d: DistributionDraft) => withTotal(d, n)),
      count.map((n) => (d: DistributionDraft) => withInternal(d, n)),
      count.map((n) => (d: DistributionDraft) => withExternal(d, n)),
    );
    fc.assert(
      fc.property(
        count,
        count,
        fc.array(step, { minLength: 1, maxLength: 20 }),
        (internal, external, steps) => {
          const end = steps.reduce(
            (d, apply) => apply(d),
            initialDraft({ ipsInternal: internal, ipsExternal: external }),
          );
          expect(end.internal).toBeGreaterThanOrEqual(0);
          expect(end.external).toBeGreaterThanOrEqual(0);
          expect((end.internal ?? 0) + (end.external ?? 0)).toBe(end.total);
        },
      ),
    );
  });
});

describe('problems and the value to send', () => {
  it('names the input of each problem, an empty input included', () => {
    const problems = draftProblems(draft(600, null, 100), 500);
    expect(problems.get('total')?.rule).toBe('too-large');
    expect(problems.get('internal')?.rule).toBe('not-whole-number');
    expect(problems.has('external')).toBe(false);
    expect(validDistribution(draft(600, null, 100), 500)).toBeNull();
  });

  it('passes a valid draft on as it is', () => {
    expect(validDistribution(draft(10, 3, 7), 500)).toEqual({ total: 10, internal: 3, external: 7 });
  });
});

describe('what Save will do', () => {
  const now = new Date('2025-06-15T10:00:00Z');
  const plan = (
    current: { ipsInternal: number; ipsExternal: number } | null,
    total: number,
    instant = false,
  ) =>
    planChange({
      current,
      next: { total, internal: total, external: 0 },
      instant,
      now,
      timeZone: 'Europe/Berlin',
    });
  const julyInBerlin = new Date('2025-06-30T22:00:00Z');

  it('starts a new subscription at once', () => {
    expect(plan(null, 5)).toMatchObject({ kind: 'start', immediate: true, unchanged: false });
  });

  it('upgrades at once only when asked to, else at the next month start', () => {
    expect(plan({ ipsInternal: 5, ipsExternal: 0 }, 8, true)).toMatchObject({
      kind: 'upgrade',
      immediate: true,
    });
    expect(plan({ ipsInternal: 5, ipsExternal: 0 }, 8)).toMatchObject({ immediate: false, at: julyInBerlin });
  });

  it('downgrades at the month end even when asked to do it at once', () => {
    expect(plan({ ipsInternal: 5, ipsExternal: 0 }, 3, true)).toMatchObject({
      kind: 'downgrade',
      immediate: false,
      at: julyInBerlin,
    });
  });

  it('tells a redistribution that moves nothing', () => {
    expect(plan({ ipsInternal: 5, ipsExternal: 0 }, 5)).toMatchObject({
      kind: 'redistribution',
      unchanged: true,
    });
    expect(plan({ ipsInternal: 2, ipsExternal: 3 }, 5)).toMatchObject({ unchanged: false, immediate: true });
  });
});

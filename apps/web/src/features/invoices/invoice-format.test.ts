import { describe, expect, it } from 'vitest';
import { monthsUpTo, todayIn } from './invoice-format.ts';

describe('todayIn', () => {
  it('is the date in the given time zone, not the UTC one', () => {
    // 23:30 UTC on 30 November is already 1 December in Berlin, still 30 November in New York.
    const at = new Date('2026-11-30T23:30:00Z');
    expect(todayIn('Europe/Berlin', at)).toBe('2026-12-01');
    expect(todayIn('America/New_York', at)).toBe('2026-11-30');
    expect(todayIn('UTC', at)).toBe('2026-11-30');
  });
});

describe('monthsUpTo', () => {
  it('counts back from the month of the day, across a new year', () => {
    expect(monthsUpTo('2026-02-15', 4)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
  });

  it('gives as many months as asked', () => {
    expect(monthsUpTo('2026-12-01', 36)).toHaveLength(36);
    expect(monthsUpTo('2026-12-01', 36).at(-1)).toBe('2024-01');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INVOICE_NUMBER_PATTERN,
  formatInvoiceNumber,
  INVOICE_NUMBER_MAX_LENGTH,
  numberPatternProblem,
} from './invoice-number.ts';

describe('formatInvoiceNumber', () => {
  it('formats the default pattern as RE-2026-000123', () => {
    expect(DEFAULT_INVOICE_NUMBER_PATTERN).toBe('RE-{YYYY}-{seq:6}');
    expect(formatInvoiceNumber(DEFAULT_INVOICE_NUMBER_PATTERN, 2026, 123)).toBe('RE-2026-000123');
    expect(formatInvoiceNumber(DEFAULT_INVOICE_NUMBER_PATTERN, 2026, 1)).toBe('RE-2026-000001');
  });

  it('writes a sequence longer than its padding in full instead of cutting it', () => {
    expect(formatInvoiceNumber('RE-{YYYY}-{seq:3}', 2027, 12345)).toBe('RE-2027-12345');
  });

  it('accepts placeholders in any order, repeated, and the allowed literal characters', () => {
    expect(formatInvoiceNumber('{seq:4}/{YYYY}', 2026, 7)).toBe('0007/2026');
    expect(formatInvoiceNumber('INV_{YYYY}.{seq:1}-{YYYY}', 2026, 42)).toBe('INV_2026.42-2026');
  });

  it.each([
    [0, 'sequence'],
    [-1, 'sequence'],
    [1.5, 'sequence'],
  ])('refuses sequence %d', (seq) => {
    expect(() => formatInvoiceNumber(DEFAULT_INVOICE_NUMBER_PATTERN, 2026, seq)).toThrow(RangeError);
  });

  it.each([999, 10000, 2026.5])('refuses year %d', (year) => {
    expect(() => formatInvoiceNumber(DEFAULT_INVOICE_NUMBER_PATTERN, year, 1)).toThrow(RangeError);
  });

  it('refuses a pattern with a problem', () => {
    expect(() => formatInvoiceNumber('RE-{seq:6}', 2026, 1)).toThrow(/missing-year/);
  });

  it('refuses a number that a sequence beyond nine digits would make longer than 60 characters', () => {
    const pattern = `${'A'.repeat(47)}{YYYY}{seq:9}`; // 47 + 4 + 9 = 60
    expect(numberPatternProblem(pattern)).toBeNull();
    expect(formatInvoiceNumber(pattern, 2026, 999_999_999)).toHaveLength(60);
    expect(() => formatInvoiceNumber(pattern, 2026, 1_000_000_000)).toThrow(RangeError);
  });

  it('gives distinct numbers for distinct (year, sequence) pairs of a valid pattern', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 999_999_999 }),
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 999_999_999 }),
        (y1, s1, y2, s2) => {
          fc.pre(y1 !== y2 || s1 !== s2);
          const pattern = 'RE-{YYYY}-{seq:6}';
          expect(formatInvoiceNumber(pattern, y1, s1)).not.toBe(formatInvoiceNumber(pattern, y2, s2));
        },
      ),
    );
  });
});

describe('numberPatternProblem', () => {
  it.each([
    ['RE-{YYYY}-{seq:6}', null],
    ['{YYYY}{seq:12}', null],
    ['a/b_c.d-{YYYY}-{seq:1}', null],
    ['RE-{YYYY}', 'missing-seq'],
    ['', 'missing-seq'],
    ['RE-{seq:6}', 'missing-year'],
    ['RE {YYYY}-{seq:6}', 'invalid-characters'],
    ['RE-{yyyy}-{seq:6}', 'invalid-characters'],
    ['RE-{YYYY}-{seq:0}', 'invalid-characters'],
    ['RE-{YYYY}-{seq:13}', 'invalid-characters'],
    ['RE-{YYYY}-{seq}', 'invalid-characters'],
    ['RÉ-{YYYY}-{seq:6}', 'invalid-characters'],
    ['RE#{YYYY}-{seq:6}', 'invalid-characters'],
    [`${'A'.repeat(48)}{YYYY}{seq:6}`, 'too-long'],
    [`${'A'.repeat(47)}{YYYY}{seq:6}`, null],
    [`${'A'.repeat(45)}{YYYY}{seq:12}`, 'too-long'],
  ])('%j → %s', (pattern, problem) => {
    expect(numberPatternProblem(pattern)).toBe(problem);
  });

  it('accepts only patterns whose numbers stay within 60 allowed characters', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('A', '-', '/', '{YYYY}', '{seq:6}', '{seq:2}', ' ', '{'),
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 999_999_999 }),
        (pattern, seq) => {
          if (numberPatternProblem(pattern) !== null) return;
          const number = formatInvoiceNumber(pattern, 2026, seq);
          expect(number.length).toBeLessThanOrEqual(INVOICE_NUMBER_MAX_LENGTH);
          expect(number).toMatch(/^[A-Za-z0-9/_.-]+$/);
          expect(number).toContain(String(seq));
        },
      ),
    );
  });
});

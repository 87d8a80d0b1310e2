import type { PriceVersion } from '@vmsp/contracts';
import { maxIps, parseMoney } from '@vmsp/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addRange,
  canRemove,
  canSplit,
  checkDraft,
  editableAmount,
  fromOf,
  initialDraft,
  inputOf,
  type PriceTableDraft,
  type RangeDraft,
  removeRange,
  sameDraft,
  saveRequest,
  splitRange,
  updateRange,
} from './price-table-draft.ts';

const range = (to: number | null, unitPrice = '1.00', i = 0): RangeDraft => ({
  to,
  articleName: `Scan ${i}`,
  articleNumber: `ART-${i}`,
  unitPrice,
});

const draftOf = (...ranges: RangeDraft[]): PriceTableDraft => ({ currency: 'EUR', ranges });

// The spec's example: 1–50, 51–250, 251–500.
const example = draftOf(range(50, '2.00', 1), range(250, '1,50', 2), range(500, '1', 3));

const bounds = (draft: PriceTableDraft) => draft.ranges.map((r, i) => [fromOf(draft.ranges, i), r.to]);

describe('editableAmount', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [150, '1.50'],
    [123456, '1234.56'],
  ])('shows %i minor units as %s', (minor, text) => {
    expect(editableAmount(minor)).toBe(text);
  });

  it('reads back as the same amount', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (minor) => {
        expect(parseMoney(editableAmount(minor), 'price')).toEqual({ ok: true, minor });
      }),
    );
  });
});

describe('initialDraft', () => {
  it('starts a new table with one empty range 1–100 in EUR', () => {
    const draft = initialDraft(null);
    expect(draft).toEqual({
      currency: 'EUR',
      ranges: [{ to: 100, articleName: '', articleNumber: '', unitPrice: '' }],
    });
  });

  it('starts from the newest version with its prices ready to edit', () => {
    const version: PriceVersion = {
      version: 3,
      currency: 'CHF',
      ranges: [
        { from: 1, to: 50, articleName: 'Small', articleNumber: 'S-1', unitPriceMinor: 200 },
        { from: 51, to: 80, articleName: 'Large', articleNumber: 'L-1', unitPriceMinor: 5 },
      ],
      createdAt: '2025-01-01T10:00:00.000Z',
      createdBy: 'admin@example.test',
      runningFrom: '2025-01-31T23:00:00.000Z',
    };
    expect(initialDraft(version)).toEqual({
      currency: 'CHF',
      ranges: [
        { to: 50, articleName: 'Small', articleNumber: 'S-1', unitPrice: '2.00' },
        { to: 80, articleName: 'Large', articleNumber: 'L-1', unitPrice: '0.05' },
      ],
    });
  });
});

describe('keeping the ranges contiguous', () => {
  it('starts each range right after the previous To', () => {
    expect(bounds(example)).toEqual([
      [1, 50],
      [51, 250],
      [251, 500],
    ]);
  });

  it('moves the next From with a To', () => {
    expect(bounds(updateRange(example, 0, { to: 60 }))).toEqual([
      [1, 60],
      [61, 250],
      [251, 500],
    ]);
  });

  it('has no From after an empty To', () => {
    expect(fromOf(updateRange(example, 0, { to: null }).ranges, 1)).toBeNull();
  });

  it('adds a range as wide as the last one, with article and price to fill in', () => {
    const added = addRange(example);
    expect(bounds(added).at(-1)).toEqual([501, 750]);
    expect(added.ranges.at(-1)).toEqual({ to: 750, articleName: '', articleNumber: '', unitPrice: '' });
  });

  it('adds a range with an empty To while the last To is empty', () => {
    expect(addRange(updateRange(example, 2, { to: null })).ranges.at(-1)?.to).toBeNull();
  });

  it('splits a range into halves, the first taking the odd IP, the second copying article and price', () => {
    expect(bounds(splitRange(example, 1))).toEqual([
      [1, 50],
      [51, 150],
      [151, 250],
      [251, 500],
    ]);
    const odd = splitRange(draftOf(range(5, '3.00', 7)), 0);
    expect(bounds(odd)).toEqual([
      [1, 3],
      [4, 5],
    ]);
    expect(odd.ranges[1]).toEqual(range(5, '3.00', 7));
  });

  it('splits only ranges of two or more IPs', () => {
    const single = draftOf(range(1), range(2));
    expect(canSplit(single, 0)).toBe(false);
    expect(splitRange(single, 0)).toBe(single);
    expect(canSplit(draftOf(range(2)), 0)).toBe(true);
    expect(canSplit(updateRange(example, 0, { to: null }), 0)).toBe(false);
  });

  it('removes a range and lets the next one start where it started', () => {
    expect(bounds(removeRange(example, 1))).toEqual([
      [1, 50],
      [51, 500],
    ]);
    expect(bounds(removeRange(example, 0))).toEqual([
      [1, 250],
      [251, 500],
    ]);
  });

  it('removes the last range by shortening the table, and keeps the only range', () => {
    expect(bounds(removeRange(example, 2))).toEqual([
      [1, 50],
      [51, 250],
    ]);
    const only = draftOf(range(10));
    expect(canRemove(only)).toBe(false);
    expect(removeRange(only, 0)).toBe(only);
  });
});

describe('checkDraft', () => {
  it('finds no problem in a valid table and gives the table with exact prices', () => {
    const { problems, table } = checkDraft({ ...example, currency: 'eur' });
    expect(problems.size).toBe(0);
    expect(table).toEqual({
      currency: 'EUR',
      ranges: [
        { from: 1, to: 50, articleName: 'Scan 1', articleNumber: 'ART-1', unitPriceMinor: 200 },
        { from: 51, to: 250, articleName: 'Scan 2', articleNumber: 'ART-2', unitPriceMinor: 150 },
        { from: 251, to: 500, articleName: 'Scan 3', articleNumber: 'ART-3', unitPriceMinor: 100 },
      ],
    });
  });

  it('reports every problem at its input', () => {
    const draft: PriceTableDraft = {
      currency: 'EU',
      ranges: [
        { to: 50, articleName: ' ', articleNumber: 'A-1', unitPrice: '' },
        { to: 40, articleName: 'B', articleNumber: '', unitPrice: '1.234' },
        { to: null, articleName: 'C', articleNumber: 'C-1', unitPrice: '-1' },
      ],
    };
    const { problems, table } = checkDraft(draft);
    expect(table).toBeNull();
    expect(Object.fromEntries(problems)).toEqual({
      currency: { kind: 'currency' },
      'ranges.0.unitPrice': { kind: 'money', reason: 'empty' },
      'ranges.0.articleName': { kind: 'table', rule: 'article-name-required' },
      'ranges.1.unitPrice': { kind: 'money', reason: 'ambiguous' },
      'ranges.1.to': { kind: 'table', rule: 'from-after-to' },
      'ranges.1.articleNumber': { kind: 'table', rule: 'article-number-required' },
      'ranges.2.unitPrice': { kind: 'money', reason: 'negative' },
      'ranges.2.to': { kind: 'table', rule: 'not-integer' },
    });
  });

  it('reports a full price beyond exact numbers at the price that makes it so', () => {
    const draft = draftOf(range(50), range(Number.MAX_SAFE_INTEGER - 1, '99999999'));
    expect(checkDraft(draft).problems.get('ranges.1.unitPrice')).toEqual({
      kind: 'table',
      rule: 'too-large',
    });
  });
});

describe('inputOf', () => {
  it.each([
    ['currency', 'currency'],
    ['ranges.2.unitPrice', 'ranges.2.unitPrice'],
    ['ranges.2.unitPriceMinor', 'ranges.2.unitPrice'],
    ['ranges.1.to', 'ranges.1.to'],
    ['ranges.0.articleName', 'ranges.0.articleName'],
    ['ranges.3.articleNumber', 'ranges.3.articleNumber'],
    ['ranges.1.from', 'ranges.0.to'],
    ['ranges.0.from', 'ranges'],
    ['ranges', 'ranges'],
    ['basedOnVersion', null],
  ])('shows a problem with %s at %s', (path, input) => {
    expect(inputOf(path)).toBe(input);
  });
});

describe('saving', () => {
  it('sends the bounds, the article and each price as typed', () => {
    const { table } = checkDraft(example);
    expect(table).not.toBeNull();
    expect(saveRequest(example, table!, 4)).toEqual({
      currency: 'EUR',
      ranges: [
        { from: 1, to: 50, articleName: 'Scan 1', articleNumber: 'ART-1', unitPrice: '2.00' },
        { from: 51, to: 250, articleName: 'Scan 2', articleNumber: 'ART-2', unitPrice: '1,50' },
        { from: 251, to: 500, articleName: 'Scan 3', articleNumber: 'ART-3', unitPrice: '1' },
      ],
      basedOnVersion: 4,
    });
  });

  it('knows whether anything changed', () => {
    expect(sameDraft(example, structuredClone(example))).toBe(true);
    expect(sameDraft(example, updateRange(example, 1, { unitPrice: '1.5' }))).toBe(false);
    expect(sameDraft(example, { ...example, currency: 'CHF' })).toBe(false);
    expect(sameDraft(example, removeRange(example, 2))).toBe(false);
  });
});

// Any valid table: whole range sizes ≥ 1 and prices in cents.
const validDraft = fc
  .array(fc.record({ size: fc.integer({ min: 1, max: 1000 }), cents: fc.integer({ min: 0, max: 10_000 }) }), {
    minLength: 1,
    maxLength: 8,
  })
  .map((specs) => {
    let to = 0;
    return draftOf(
      ...specs.map(({ size, cents }, i) => {
        to += size;
        return range(to, editableAmount(cents), i);
      }),
    );
  });

describe('editing keeps a valid table valid', () => {
  it('after a split, which keeps the end of the table', () => {
    fc.assert(
      fc.property(validDraft, fc.nat(), (draft, pick) => {
        const index = pick % draft.ranges.length;
        const split = splitRange(draft, index);
        const before = checkDraft(draft).table!;
        const after = checkDraft(split).table;
        expect(after).not.toBeNull();
        expect(maxIps(after!)).toBe(maxIps(before));
        expect(split.ranges.length).toBe(draft.ranges.length + (canSplit(draft, index) ? 1 : 0));
      }),
    );
  });

  it('after removing a range, and after adding one once it has an article and a price', () => {
    fc.assert(
      fc.property(validDraft, fc.nat(), (draft, pick) => {
        expect(checkDraft(removeRange(draft, pick % draft.ranges.length)).table).not.toBeNull();
        const added = addRange(draft);
        const filled = updateRange(added, added.ranges.length - 1, {
          articleName: 'New',
          articleNumber: 'N-1',
          unitPrice: '0',
        });
        expect(checkDraft(filled).table).not.toBeNull();
      }),
    );
  });
});

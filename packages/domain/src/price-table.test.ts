import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averageUnitPrice,
  averageUnitPriceRounded,
  graduatedPrice,
  maxIps,
  type PriceRange,
  type PriceTable,
  parseMoney,
  validatePriceTable,
} from './price-table.ts';

const range = (from: number, to: number, unitPriceMinor: number, i = 0): PriceRange => ({
  from,
  to,
  unitPriceMinor,
  articleName: `Scan ${i}`,
  articleNumber: `ART-${i}`,
});

// The spec's example, with 51–250 as the seed's typo corrected.
const example: PriceTable = {
  currency: 'EUR',
  ranges: [range(1, 50, 200, 1), range(51, 250, 150, 2), range(251, 500, 100, 3)],
};

describe('parseMoney', () => {
  it.each([
    ['12', 1200],
    ['12.3', 1230],
    ['12.30', 1230],
    ['1,50', 150],
    ['0,05', 5],
    ['0.34', 34],
    ['1.15', 115],
    ['0', 0],
    ['007', 700],
    ['  4.20 ', 420],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1.234.567,00', 123456700],
    ['12,345.6', 1234560],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('%j → %i minor', (input, minor) => {
    expect(parseMoney(input, 'price')).toEqual({ ok: true, minor });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['-1', 'negative'],
    ['\u22121,50', 'negative'],
    ['12.345', 'ambiguous'],
    ['1,500', 'ambiguous'],
    ['1.234.567', 'ambiguous'],
    ['1.2345', 'too-many-decimals'],
    ['0.345', 'too-many-decimals'],
    ['12.999', 'ambiguous'],
    ['1.234,567', 'too-many-decimals'],
    ['1,2,3', 'malformed'],
    ['1e3', 'malformed'],
    ['1E-2', 'malformed'],
    ['+1', 'malformed'],
    ['.5', 'malformed'],
    ['12.', 'malformed'],
    ['1 234', 'malformed'],
    ['€12', 'malformed'],
    ['12 EUR', 'malformed'],
    ['1,234,56', 'malformed'],
    ['1.23,45', 'malformed'],
    ['0x10', 'malformed'],
    ['NaN', 'malformed'],
    ['١٢', 'malformed'],
    ['90071992547409.92', 'too-large'],
    ['99999999999999999999', 'too-large'],
  ])('%j is refused as %s', (input, reason) => {
    expect(parseMoney(input, 'price')).toEqual({ ok: false, field: 'price', reason });
  });

  it('reads back every amount written with two decimals, with either separator', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('.', ','),
        (minor, sep) => {
          const text = `${Math.floor(minor / 100)}${sep}${String(minor % 100).padStart(2, '0')}`;
          expect(parseMoney(text, 'x')).toEqual({ ok: true, minor });
        },
      ),
    );
  });

  it('reads German grouped amounts as Intl.NumberFormat writes them', () => {
    const format = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (minor) => {
        // Formatting a float for the test input only; the parser never sees a number.
        expect(parseMoney(format.format(minor / 100), 'x')).toEqual({ ok: true, minor });
      }),
    );
  });
});

describe('validatePriceTable', () => {
  it('accepts the example table', () => {
    expect(validatePriceTable(example)).toEqual([]);
  });

  const withRanges = (...ranges: PriceRange[]): PriceTable => ({ currency: 'EUR', ranges });

  it.each<[string, PriceTable, { path: string; rule: string }[]]>([
    ['no range', withRanges(), [{ path: 'ranges', rule: 'empty' }]],
    [
      'first range from 2',
      withRanges(range(2, 10, 100)),
      [{ path: 'ranges.0.from', rule: 'must-start-at-1' }],
    ],
    [
      'first range from 0',
      withRanges(range(0, 10, 100)),
      [{ path: 'ranges.0.from', rule: 'must-start-at-1' }],
    ],
    ['a gap', withRanges(range(1, 10, 100), range(12, 20, 90)), [{ path: 'ranges.1.from', rule: 'gap' }]],
    [
      'an overlap',
      withRanges(range(1, 10, 100), range(10, 20, 90)),
      [{ path: 'ranges.1.from', rule: 'overlap' }],
    ],
    [
      'ranges out of order',
      withRanges(range(1, 10, 100), range(21, 30, 80), range(11, 20, 90)),
      [
        { path: 'ranges.1.from', rule: 'gap' },
        { path: 'ranges.2.from', rule: 'overlap' },
      ],
    ],
    [
      'from after to',
      withRanges(range(1, 10, 100), range(11, 5, 90)),
      [{ path: 'ranges.1.to', rule: 'from-after-to' }],
    ],
    [
      'a negative price',
      withRanges(range(1, 10, -1)),
      [{ path: 'ranges.0.unitPriceMinor', rule: 'negative-price' }],
    ],
    [
      'a fractional price',
      withRanges(range(1, 10, 1.5)),
      [{ path: 'ranges.0.unitPriceMinor', rule: 'not-integer' }],
    ],
    [
      'a NaN price',
      withRanges(range(1, 10, Number.NaN)),
      [{ path: 'ranges.0.unitPriceMinor', rule: 'not-integer' }],
    ],
    [
      'fractional bounds',
      withRanges(range(1, 10.5, 100), range(11, 20, 90)),
      [{ path: 'ranges.0.to', rule: 'not-integer' }],
    ],
    [
      'an unbounded last range',
      withRanges(range(1, Number.POSITIVE_INFINITY, 100)),
      [{ path: 'ranges.0.to', rule: 'not-integer' }],
    ],
    ['an unsafe bound', withRanges(range(1, 2 ** 60, 0)), [{ path: 'ranges.0.to', rule: 'too-large' }]],
    [
      'a full price beyond the safe integers',
      withRanges(range(1, 1_000_000, 1_000_000_000), range(1_000_001, 10_000_000, 1_000_000_000)),
      [{ path: 'ranges.1.unitPriceMinor', rule: 'too-large' }],
    ],
    [
      'a blank article name and number',
      withRanges({ ...range(1, 10, 100), articleName: '  ', articleNumber: '' }),
      [
        { path: 'ranges.0.articleName', rule: 'article-name-required' },
        { path: 'ranges.0.articleNumber', rule: 'article-number-required' },
      ],
    ],
  ])('reports %s', (_name, table, problems) => {
    expect(validatePriceTable(table)).toEqual(problems);
  });

  it('accepts a table whose full price is exactly the largest safe integer, and prices it exactly', () => {
    const table = withRanges(range(1, 1, Number.MAX_SAFE_INTEGER - 1), range(2, 2, 1));
    expect(validatePriceTable(table)).toEqual([]);
    expect(graduatedPrice(table, 2).totalMinor).toBe(Number.MAX_SAFE_INTEGER);
    expect(validatePriceTable(withRanges(range(1, 1, Number.MAX_SAFE_INTEGER - 1), range(2, 2, 2)))).toEqual([
      { path: 'ranges.1.unitPriceMinor', rule: 'too-large' },
    ]);
  });

  it('accepts a free range (price 0) and a single-IP range', () => {
    expect(validatePriceTable(withRanges(range(1, 1, 0), range(2, 2, 100)))).toEqual([]);
  });
});

describe('maxIps', () => {
  it('is the upper end of the last range', () => {
    expect(maxIps(example)).toBe(500);
    expect(maxIps({ currency: 'EUR', ranges: [] })).toBe(0);
  });
});

describe('graduatedPrice: the spec example', () => {
  it.each([
    [0, 0],
    [1, 200],
    [50, 10_000],
    [51, 10_150],
    [250, 40_000],
    [251, 40_100],
    [300, 45_000],
    [500, 65_000],
  ])('%i IPs cost %i minor', (n, total) => {
    expect(graduatedPrice(example, n).totalMinor).toBe(total);
  });

  it('breaks 300 IPs into 50 + 200 + 50 and averages 1.50', () => {
    const price = graduatedPrice(example, 300);
    expect(price.lines).toEqual([
      {
        rangeIndex: 0,
        from: 1,
        to: 50,
        articleName: 'Scan 1',
        articleNumber: 'ART-1',
        count: 50,
        unitPriceMinor: 200,
        amountMinor: 10_000,
      },
      {
        rangeIndex: 1,
        from: 51,
        to: 250,
        articleName: 'Scan 2',
        articleNumber: 'ART-2',
        count: 200,
        unitPriceMinor: 150,
        amountMinor: 30_000,
      },
      {
        rangeIndex: 2,
        from: 251,
        to: 500,
        articleName: 'Scan 3',
        articleNumber: 'ART-3',
        count: 50,
        unitPriceMinor: 100,
        amountMinor: 5_000,
      },
    ]);
    expect(averageUnitPrice(price.totalMinor, 300)).toEqual({ numeratorMinor: 45_000, denominator: 300 });
    expect(averageUnitPriceRounded(price.totalMinor, 300)).toBe(150);
  });

  it('has no lines for 0 IPs and one line up to 50', () => {
    expect(graduatedPrice(example, 0)).toEqual({ totalMinor: 0, lines: [] });
    expect(graduatedPrice(example, 50).lines).toHaveLength(1);
    expect(graduatedPrice(example, 51).lines.map((l) => l.count)).toEqual([50, 1]);
  });

  it.each([-1, 501, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s IPs', (n) => {
    expect(() => graduatedPrice(example, n)).toThrow(RangeError);
  });

  it('refuses an invalid table', () => {
    expect(() => graduatedPrice({ currency: 'EUR', ranges: [range(2, 10, 100)] }, 5)).toThrow(RangeError);
  });
});

describe('average unit price', () => {
  it.each([
    [10_150, 51, 199], // 199.0196… → 199
    [100, 3, 33],
    [200, 3, 67],
    [5, 2, 3], // exactly half a cent rounds up
    [0, 7, 0],
  ])('%i / %i IPs → %i minor for display', (total, n, rounded) => {
    expect(averageUnitPriceRounded(total, n)).toBe(rounded);
    expect(averageUnitPrice(total, n)).toEqual({ numeratorMinor: total, denominator: n });
  });

  it('has none for 0 IPs', () => {
    expect(averageUnitPrice(0, 0)).toBeNull();
    expect(averageUnitPriceRounded(0, 0)).toBeNull();
  });

  it('refuses negative or fractional input', () => {
    expect(() => averageUnitPrice(-1, 2)).toThrow(RangeError);
    expect(() => averageUnitPriceRounded(1, 1.5)).toThrow(RangeError);
  });
});

/** Random valid tables: contiguous ranges from 1 with random widths and prices. */
const tableArb: fc.Arbitrary<PriceTable> = fc
  .array(
    fc.record({ width: fc.integer({ min: 1, max: 300 }), price: fc.integer({ min: 0, max: 100_000 }) }),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .map((specs) => {
    let from = 1;
    const ranges = specs.map(({ width, price }, i) => {
      const r = range(from, from + width - 1, price, i);
      from += width;
      return r;
    });
    return { currency: 'EUR', ranges };
  });

const tableAndCount = tableArb.chain((table) =>
  fc.tuple(fc.constant(table), fc.integer({ min: 0, max: maxIps(table) })),
);

describe('graduatedPrice: properties over random valid tables', () => {
  it('generates valid tables', () => {
    fc.assert(
      fc.property(tableArb, (table) => {
        expect(validatePriceTable(table)).toEqual([]);
      }),
    );
  });

  it('is monotone non-decreasing in the IP count', () => {
    fc.assert(
      fc.property(tableAndCount, fc.nat(), ([table, n], k) => {
        const m = n + (k % (maxIps(table) - n + 1));
        expect(graduatedPrice(table, m).totalMinor).toBeGreaterThanOrEqual(
          graduatedPrice(table, n).totalMinor,
        );
      }),
    );
  });

  it('costs the sum of the full ranges when a range is filled exactly', () => {
    fc.assert(
      fc.property(tableArb, fc.nat(), (table, k) => {
        const i = k % table.ranges.length;
        const filled = table.ranges[i]!;
        const full = table.ranges
          .slice(0, i + 1)
          .reduce((sum, r) => sum + (r.to - r.from + 1) * r.unitPriceMinor, 0);
        const price = graduatedPrice(table, filled.to);
        expect(price.totalMinor).toBe(full);
        expect(price.lines).toHaveLength(i + 1);
        expect(price.lines.at(-1)!.count).toBe(filled.to - filled.from + 1);
      }),
    );
  });

  it('splits n into line counts that add up to n, with amounts that add up to the total', () => {
    fc.assert(
      fc.property(tableAndCount, ([table, n]) => {
        const { totalMinor, lines } = graduatedPrice(table, n);
        expect(lines.reduce((sum, l) => sum + l.count, 0)).toBe(n);
        expect(lines.reduce((sum, l) => sum + l.amountMinor, 0)).toBe(totalMinor);
        for (const l of lines) {
          expect(l.count).toBeGreaterThan(0);
          expect(l.amountMinor).toBe(l.count * l.unitPriceMinor);
        }
      }),
    );
  });

  it('charges the n-th IP at the price of the range that contains n', () => {
    fc.assert(
      fc.property(tableAndCount, ([table, n]) => {
        fc.pre(n >= 1);
        const containing = table.ranges.find((r) => r.from <= n && n <= r.to)!;
        const step = graduatedPrice(table, n).totalMinor - graduatedPrice(table, n - 1).totalMinor;
        expect(step).toBe(containing.unitPriceMinor);
      }),
    );
  });

  it('rounds the average within half a cent of the exact fraction', () => {
    fc.assert(
      fc.property(tableAndCount, ([table, n]) => {
        fc.pre(n >= 1);
        const { totalMinor } = graduatedPrice(table, n);
        const rounded = averageUnitPriceRounded(totalMinor, n)!;
        expect(Math.abs(rounded * n - totalMinor) * 2).toBeLessThanOrEqual(n);
      }),
    );
  });
});

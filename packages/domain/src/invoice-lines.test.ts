import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billingMonthFromLabel, DEFAULT_BILLING_TIME_ZONE } from './billing-month.ts';
import { type BilledPeriod, invoiceLinesOfMonth, type PeriodPricing } from './invoice-lines.ts';
import { graduatedPrice, type PriceRange, type PriceTable } from './price-table.ts';

const BERLIN = DEFAULT_BILLING_TIME_ZONE;
const at = (iso: string) => new Date(iso);

const range = (from: number, to: number, unitPriceMinor: number, i: number): PriceRange => ({
  from,
  to,
  unitPriceMinor,
  articleName: `Scan ${i}`,
  articleNumber: `ART-${i}`,
});

// The spec's example: 1–50, 51–250, 251–500; prices as in price-table.test.ts.
const example: PriceTable = {
  currency: 'EUR',
  ranges: [range(1, 50, 200, 1), range(51, 250, 150, 2), range(251, 500, 100, 3)],
};
const graduated: PeriodPricing = { kind: 'graduated', table: example };
const S19 = { category: 'S' as const, rateBasisPoints: 1900 };

const period = (
  startedAt: string,
  endedAt: string | null,
  ips: number,
  pricing: PeriodPricing = graduated,
): BilledPeriod => ({
  startedAt: at(startedAt),
  endedAt: endedAt === null ? null : at(endedAt),
  ipsInternal: ips,
  ipsExternal: 0,
  pricing,
});

const linesOf = (billingMonth: string, periods: BilledPeriod[], timeZone = BERLIN) =>
  invoiceLinesOfMonth({ billingMonth, timeZone, periods, vat: S19 });
const sum = (lines: { netMinor: number }[]) => lines.reduce((s, l) => s + l.netMinor, 0);
const brief = (lines: ReturnType<typeof linesOf>) =>
  lines.map((l) => [
    l.id,
    l.articleNumber,
    l.periodFrom,
    l.periodTo,
    l.quantity,
    l.unitPriceMinor,
    l.netMinor,
  ]);

describe('invoiceLinesOfMonth: the spec example', () => {
  it('bills 300 IPs for the whole of November as 450.00 net, one line per range', () => {
    const lines = linesOf('2026-11', [period('2026-09-10T08:00:00Z', null, 300)]);
    expect(brief(lines)).toEqual([
      [1, 'ART-1', '2026-11-01', '2026-11-30', 50, 200, 10000],
      [2, 'ART-2', '2026-11-01', '2026-11-30', 200, 150, 30000],
      [3, 'ART-3', '2026-11-01', '2026-11-30', 50, 100, 5000],
    ]);
    expect(sum(lines)).toBe(45000);
    expect(lines.every((l) => l.vatCategory === 'S' && l.vatRateBasisPoints === 1900)).toBe(true);
  });

  it('bills an instant upgrade from 100 to 300 IPs on 16 November as 15 + 15 days, to the cent', () => {
    const upgrade = '2026-11-16T09:30:00Z'; // 10:30 in Berlin
    const lines = linesOf('2026-11', [
      period(upgrade, null, 300),
      period('2026-10-01T12:00:00Z', upgrade, 100),
    ]);
    expect(brief(lines)).toEqual([
      // 100 IPs = 50 × 2.00 + 50 × 1.50 a month, half of it
      [1, 'ART-1', '2026-11-01', '2026-11-15', 50, 200, 5000],
      [2, 'ART-2', '2026-11-01', '2026-11-15', 50, 150, 3750],
      // 300 IPs = 450.00 a month, half of it
      [3, 'ART-1', '2026-11-16', '2026-11-30', 50, 200, 5000],
      [4, 'ART-2', '2026-11-16', '2026-11-30', 200, 150, 15000],
      [5, 'ART-3', '2026-11-16', '2026-11-30', 50, 100, 2500],
    ]);
    expect(sum(lines)).toBe(31250);
  });

  it('rounds each line half-up once in a 31-day month (upgrade on 16 October: 15 + 16 days)', () => {
    const upgrade = '2026-10-16T06:00:00Z';
    const lines = linesOf('2026-10', [
      period('2026-01-01T00:00:00Z', upgrade, 100),
      period(upgrade, '2026-12-01T00:00:00Z', 300),
    ]);
    expect(lines.map((l) => [l.periodFrom, l.periodTo, l.netMinor])).toEqual([
      ['2026-10-01', '2026-10-15', 4839], // 10000 × 15 / 31 = 4838.71
      ['2026-10-01', '2026-10-15', 3629], // 7500 × 15 / 31 = 3629.03
      ['2026-10-16', '2026-10-31', 5161], // 10000 × 16 / 31 = 5161.29
      ['2026-10-16', '2026-10-31', 15484], // 30000 × 16 / 31 = 15483.87
      ['2026-10-16', '2026-10-31', 2581], // 5000 × 16 / 31 = 2580.65
    ]);
  });

  it('rounds an exact half cent up', () => {
    const table: PriceTable = { currency: 'EUR', ranges: [range(1, 10, 101, 1)] };
    const lines = linesOf('2026-11', [period('2026-11-16T00:00:00Z', null, 1, { kind: 'graduated', table })]);
    expect(lines[0]?.netMinor).toBe(51); // 101 × 15 / 30 = 50.5
  });
});

describe('invoiceLinesOfMonth: which days a period covers', () => {
  it('gives the change day to the new period, also when the change is late in the evening', () => {
    const change = '2026-11-16T22:30:00Z'; // 23:30 on the 16th in Berlin
    const lines = linesOf('2026-11', [period('2026-10-01T00:00:00Z', change, 10), period(change, null, 20)]);
    expect(lines.map((l) => [l.periodFrom, l.periodTo])).toEqual([
      ['2026-11-01', '2026-11-15'],
      ['2026-11-16', '2026-11-30'],
    ]);
  });

  it('reads dates in the time zone it is given', () => {
    const start = '2026-10-31T23:30:00Z'; // 1 November 00:30 in Berlin, still 31 October in UTC
    expect(linesOf('2026-10', [period(start, null, 10)], BERLIN)).toEqual([]);
    const utc = linesOf('2026-10', [period(start, null, 10)], 'UTC');
    expect(utc.map((l) => [l.periodFrom, l.periodTo])).toEqual([['2026-10-31', '2026-10-31']]);
  });

  it('gives no line to a period within one day, before or after the month, or with zero IPs', () => {
    expect(
      linesOf('2026-11', [
        period('2026-11-10T08:00:00Z', '2026-11-10T15:00:00Z', 10),
        period('2026-09-01T00:00:00Z', '2026-10-31T23:00:00Z', 10), // ends at 1 Nov 00:00 Berlin
        period('2026-11-30T23:00:00Z', null, 10), // starts 1 Dec 00:00 Berlin
        period('2026-11-01T00:00:00Z', null, 0),
      ]),
    ).toEqual([]);
  });

  it('bills a downgrade at the month end to the last day, and a cancellation up to the day before it', () => {
    const monthEnd = billingMonthFromLabel('2026-11', BERLIN).end.toISOString();
    const lines = linesOf('2026-11', [
      period('2026-10-01T00:00:00Z', monthEnd, 300),
      period('2026-11-05T00:00:00Z', '2026-11-20T13:00:00Z', 1),
    ]);
    expect(lines.map((l) => [l.periodFrom, l.periodTo, l.netMinor])).toEqual([
      ['2026-11-01', '2026-11-30', 10000],
      ['2026-11-01', '2026-11-30', 30000],
      ['2026-11-01', '2026-11-30', 5000],
      ['2026-11-05', '2026-11-19', 100], // 200 × 15 / 30
    ]);
  });

  it('counts calendar days across the spring clock change (March, 23-hour day)', () => {
    // 29 March 2026: Berlin goes from 02:00 CET to 03:00 CEST.
    const march = [
      period('2026-02-28T23:00:00Z', '2026-03-28T23:30:00Z', 50), // 1 Mar 00:00 CET – 29 Mar 00:30 CET
      period('2026-03-28T23:30:00Z', '2026-03-31T22:00:00Z', 50), // – 1 Apr 00:00 CEST
    ];
    const lines = linesOf('2026-03', march);
    expect(lines.map((l) => [l.periodFrom, l.periodTo, l.netMinor])).toEqual([
      ['2026-03-01', '2026-03-28', 9032], // 10000 × 28 / 31 = 9032.26
      ['2026-03-29', '2026-03-31', 968], // 10000 × 3 / 31 = 967.74
    ]);
  });

  it('counts calendar days across the autumn clock change (October, 25-hour day)', () => {
    // 25 October 2026: Berlin goes from 03:00 CEST back to 02:00 CET; 01:30Z is the second 02:30.
    const lines = linesOf('2026-10', [
      period('2026-09-30T22:00:00Z', '2026-10-25T01:30:00Z', 50),
      period('2026-10-25T01:30:00Z', null, 50),
    ]);
    expect(lines.map((l) => [l.periodFrom, l.periodTo])).toEqual([
      ['2026-10-01', '2026-10-24'],
      ['2026-10-25', '2026-10-31'],
    ]);
  });
});

describe('invoiceLinesOfMonth: project keys', () => {
  const key: PeriodPricing = {
    kind: 'fixed',
    articleName: 'Project key ACME-2026',
    articleNumber: 'PK-1',
    monthlyAmountMinor: 99_999,
  };

  it('bills a whole month as one line of quantity 1 at the monthly sales price', () => {
    const lines = linesOf('2026-11', [period('2026-06-01T00:00:00Z', null, 123, key)]);
    expect(brief(lines)).toEqual([[1, 'PK-1', '2026-11-01', '2026-11-30', 1, 99_999, 99_999]]);
    expect(lines[0]?.articleName).toBe('Project key ACME-2026');
  });

  it('bills part of a month pro rata by days', () => {
    const lines = linesOf('2026-11', [period('2026-11-21T10:00:00Z', null, 123, key)]);
    expect(brief(lines)).toEqual([[1, 'PK-1', '2026-11-21', '2026-11-30', 1, 99_999, 33_333]]);
  });
});

describe('invoiceLinesOfMonth: bad input', () => {
  it.each([
    ['a period that ends before it starts', [period('2026-11-10T00:00:00Z', '2026-11-09T00:00:00Z', 1)]],
    ['more IPs than the table has', [period('2026-11-10T00:00:00Z', null, 501)]],
    ['a fractional IP count', [period('2026-11-10T00:00:00Z', null, 1.5)]],
    ['a negative IP count', [{ ...period('2026-11-10T00:00:00Z', null, 5), ipsExternal: -1 }]],
    [
      'a negative fixed price',
      [
        period('2026-11-10T00:00:00Z', null, 5, {
          kind: 'fixed',
          articleName: 'k',
          articleNumber: 'k',
          monthlyAmountMinor: -1,
        }),
      ],
    ],
  ])('refuses %s', (_, periods) => {
    expect(() => linesOf('2026-11', periods)).toThrow(RangeError);
  });

  it('refuses a malformed month and an unknown time zone', () => {
    expect(() => linesOf('2026-13', [])).toThrow(RangeError);
    expect(() => linesOf('2026-11', [], 'Mars/Olympus')).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties

const ZONES = [BERLIN, 'UTC', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Apia'];

const tableArb: fc.Arbitrary<PriceTable> = fc
  .array(
    fc.record({ width: fc.integer({ min: 1, max: 200 }), price: fc.integer({ min: 0, max: 100_000 }) }),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((specs) => {
    let from = 1;
    const ranges = specs.map((s, i) => {
      const r = range(from, from + s.width - 1, s.price, i);
      from += s.width;
      return r;
    });
    return { currency: 'EUR', ranges };
  });

const monthArb = fc
  .record({ year: fc.integer({ min: 2020, max: 2035 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);

const caseArb = fc
  .record({ table: tableArb, label: monthArb, timeZone: fc.constantFrom(...ZONES) })
  .chain((c) => {
    const month = billingMonthFromLabel(c.label, c.timeZone);
    return fc
      .record({
        ips: fc.integer({ min: 1, max: c.table.ranges.at(-1)?.to ?? 1 }),
        split: fc.integer({ min: month.start.getTime(), max: month.end.getTime() - 1 }),
      })
      .map((r) => ({ ...c, ...r }));
  });

describe('invoiceLinesOfMonth: properties', () => {
  it('bills a month without change at exactly the graduated price', () => {
    fc.assert(
      fc.property(caseArb, ({ table, label, timeZone, ips }) => {
        const month = billingMonthFromLabel(label, timeZone);
        const periods = [
          {
            startedAt: month.start,
            endedAt: month.end,
            ipsInternal: ips,
            ipsExternal: 0,
            pricing: { kind: 'graduated' as const, table },
          },
        ];
        const lines = invoiceLinesOfMonth({ billingMonth: label, timeZone, periods, vat: S19 });
        expect(sum(lines)).toBe(graduatedPrice(table, ips).totalMinor);
        expect(lines.map((l) => l.id)).toEqual(lines.map((_, i) => i + 1));
      }),
    );
  });

  it('changes the sum by at most one cent per line when a period is split at any instant of the month', () => {
    fc.assert(
      fc.property(caseArb, ({ table, label, timeZone, ips, split }) => {
        const month = billingMonthFromLabel(label, timeZone);
        const pricing = { kind: 'graduated' as const, table };
        const part = (startedAt: Date, endedAt: Date | null) => ({
          startedAt,
          endedAt,
          ipsInternal: ips,
          ipsExternal: 0,
          pricing,
        });
        const whole = invoiceLinesOfMonth({
          billingMonth: label,
          timeZone,
          periods: [part(new Date(month.start.getTime() - 1000), null)],
          vat: S19,
        });
        const parts = invoiceLinesOfMonth({
          billingMonth: label,
          timeZone,
          periods: [part(month.start, new Date(split)), part(new Date(split), null)],
          vat: S19,
        });
        // Each part's line is rounded once (error ≤ ½ cent); the whole month's lines are exact.
        expect(Math.abs(sum(parts) - sum(whole))).toBeLessThanOrEqual(parts.length / 2);
        // The parts tile the month's days: each day is billed once.
        const days = (l: { periodFrom: string; periodTo: string }) =>
          (Date.parse(l.periodTo) - Date.parse(l.periodFrom)) / 86_400_000 + 1;
        const perRange = graduatedPrice(table, ips).lines.length;
        const covered = parts.filter((_, i) => i % perRange === 0).reduce((s, l) => s + days(l), 0);
        expect(covered).toBe(days(whole[0] as (typeof whole)[number]));
      }),
    );
  });
});

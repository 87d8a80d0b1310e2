import { TZDate, tzScan } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarMonths,
  billingMonthFromLabel,
  billingMonthOf,
  billingMonthStart,
  DEFAULT_BILLING_TIME_ZONE,
  nextBillingMonthStart,
} from './billing-month.ts';
import { effectiveAt } from './subscription-change.ts';

const BERLIN = DEFAULT_BILLING_TIME_ZONE;
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();
const month = (instant: string, timeZone: string) => {
  const m = billingMonthOf(at(instant), timeZone);
  return { label: m.label, start: iso(m.start), end: iso(m.end) };
};

describe('billingMonthOf in Europe/Berlin', () => {
  it('puts 31 Jan 2026 23:30 Berlin (22:30Z) in January, which ends at 1 Feb 00:00 Berlin', () => {
    expect(month('2026-01-31T22:30:00Z', BERLIN)).toEqual({
      label: '2026-01',
      start: '2025-12-31T23:00:00.000Z',
      end: '2026-01-31T23:00:00.000Z',
    });
  });

  it('splits at the boundary: the last millisecond is January, the boundary itself is February', () => {
    expect(month('2026-01-31T22:59:59.999Z', BERLIN).label).toBe('2026-01');
    expect(month('2026-01-31T23:00:00.000Z', BERLIN)).toEqual({
      label: '2026-02',
      start: '2026-01-31T23:00:00.000Z',
      end: '2026-02-28T23:00:00.000Z',
    });
    // UTC has already turned to February an hour after Berlin, not before.
    expect(month('2026-02-01T00:30:00Z', BERLIN).label).toBe('2026-02');
  });

  it('follows DST: March starts in CET and ends in CEST; October ends back in CET', () => {
    expect(month('2026-03-15T12:00:00Z', BERLIN)).toEqual({
      label: '2026-03',
      start: '2026-02-28T23:00:00.000Z',
      end: '2026-03-31T22:00:00.000Z',
    });
    expect(month('2026-10-15T12:00:00Z', BERLIN)).toEqual({
      label: '2026-10',
      start: '2026-09-30T22:00:00.000Z',
      end: '2026-10-31T23:00:00.000Z',
    });
  });

  it('crosses the year end: December 2026 is followed by 1 Jan 2027 00:00 CET', () => {
    expect(month('2026-12-31T22:59:59Z', BERLIN)).toEqual({
      label: '2026-12',
      start: '2026-11-30T23:00:00.000Z',
      end: '2026-12-31T23:00:00.000Z',
    });
    expect(iso(nextBillingMonthStart(at('2026-12-10T10:00:00Z'), BERLIN))).toBe('2026-12-31T23:00:00.000Z');
    expect(month('2026-12-31T23:00:00Z', BERLIN).label).toBe('2027-01');
  });
});

describe('billingMonthOf in other zones', () => {
  it.each([
    // New York: EST (−05:00) in January; March ends in EDT (−04:00).
    [
      'America/New_York',
      '2026-01-31T23:30:00-05:00',
      '2026-01',
      '2026-01-01T05:00:00.000Z',
      '2026-02-01T05:00:00.000Z',
    ],
    [
      'America/New_York',
      '2026-03-10T12:00:00Z',
      '2026-03',
      '2026-03-01T05:00:00.000Z',
      '2026-04-01T04:00:00.000Z',
    ],
    // Kolkata: +05:30 all year, a half-hour offset.
    [
      'Asia/Kolkata',
      '2026-01-31T18:29:59Z',
      '2026-01',
      '2025-12-31T18:30:00.000Z',
      '2026-01-31T18:30:00.000Z',
    ],
    [
      'Asia/Kolkata',
      '2026-01-31T18:30:00Z',
      '2026-02',
      '2026-01-31T18:30:00.000Z',
      '2026-02-28T18:30:00.000Z',
    ],
    // Auckland: southern DST; NZDT (+13:00) in January, NZST (+12:00) from April to September.
    [
      'Pacific/Auckland',
      '2026-01-15T00:00:00Z',
      '2026-01',
      '2025-12-31T11:00:00.000Z',
      '2026-01-31T11:00:00.000Z',
    ],
    [
      'Pacific/Auckland',
      '2026-04-10T00:00:00Z',
      '2026-04',
      '2026-03-31T11:00:00.000Z',
      '2026-04-30T12:00:00.000Z',
    ],
    // The instant is still 31 March in UTC but already April in Auckland.
    [
      'Pacific/Auckland',
      '2026-03-31T11:00:00Z',
      '2026-04',
      '2026-03-31T11:00:00.000Z',
      '2026-04-30T12:00:00.000Z',
    ],
    ['UTC', '2026-02-28T23:59:59.999Z', '2026-02', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    ['UTC', '2028-02-29T12:00:00Z', '2028-02', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z'],
  ])('%s: %s is in %s [%s, %s)', (timeZone, instant, label, start, end) => {
    expect(month(instant, timeZone)).toEqual({ label, start, end });
  });

  it('starts a month at its first instant where a clock change falls on midnight of day 1', () => {
    // Asia/Gaza, 1 Oct 2004: 01:00 EEST went back to 00:00 EET, so 00:00 happened twice; the month starts at the first.
    expect(month('2004-10-01T00:00:00Z', 'Asia/Gaza')).toEqual({
      label: '2004-10',
      start: '2004-09-30T21:00:00.000Z',
      end: '2004-10-31T22:00:00.000Z',
    });
    expect(month('2004-09-30T20:59:59.999Z', 'Asia/Gaza').label).toBe('2004-09');
    // Asia/Kathmandu, 1 Jan 1986: clocks moved from +05:30 to +05:45 at midnight, so 00:00–00:15 never existed and
    // January starts at 00:15 local, the instant December ends.
    expect(month('1986-01-15T00:00:00Z', 'Asia/Kathmandu').start).toBe('1985-12-31T18:30:00.000Z');
    expect(month('1985-12-31T18:29:59.999Z', 'Asia/Kathmandu').label).toBe('1985-12');
    // Africa/Cairo, 1 Aug 2014: summer time resumed at midnight, so August starts at 01:00 local.
    expect(month('2014-08-10T00:00:00Z', 'Africa/Cairo').start).toBe('2014-07-31T22:00:00.000Z');
  });
});

describe('billingMonthOf where offsets have seconds or clocks go back across midnight', () => {
  it('keeps the sign of an offset with seconds west of Greenwich', () => {
    // Dublin Mean Time was −0:25:21 until 1916; Casablanca's local mean time −0:30:20 until 1913.
    expect(month('1912-08-14T04:10:26Z', 'Europe/Dublin')).toEqual({
      label: '1912-08',
      start: '1912-08-01T00:25:21.000Z',
      end: '1912-09-01T00:25:21.000Z',
    });
    expect(month('1912-05-10T00:00:00Z', 'Africa/Casablanca').start).toBe('1912-05-01T00:30:20.000Z');
  });

  it('bills the hour the clocks return to 31 October in October (America/St_Johns, 1 Nov 2009)', () => {
    // 00:01 NDT (02:31Z) went back to 23:01 NST on 31 October; midnight came again at 03:30Z.
    const october = { label: '2009-10', start: '2009-10-01T02:30:00.000Z', end: '2009-11-01T03:30:00.000Z' };
    expect(month('2009-11-01T03:01:00Z', 'America/St_Johns')).toEqual(october);
    // The minute 00:00–00:01 NDT, before the clocks went back, is October's too: November starts once, for good.
    expect(month('2009-11-01T02:30:30Z', 'America/St_Johns')).toEqual(october);
    expect(month('2009-11-01T03:30:00Z', 'America/St_Johns').label).toBe('2009-11');
    const now = at('2009-11-01T03:01:00Z');
    const downgrade = effectiveAt({ kind: 'downgrade', instant: false, now, timeZone: 'America/St_Johns' });
    expect(iso(downgrade)).toBe('2009-11-01T03:30:00.000Z');
  });
});

// Thousands of month starts in hundreds of zones, each computed once: a generous timeout for a loaded machine.
describe('billing months in every IANA zone, 1900–2100', () => {
  const zones = Intl.supportedValuesOf('timeZone');
  const from = Date.UTC(1900, 0, 1);
  const to = Date.UTC(2100, 0, 1);

  /** The local calendar month of an instant, read with Intl's calendar fields: a model independent of offsets. */
  const oracles = new Map<string, Intl.DateTimeFormat>();
  const localMonth = (time: number, timeZone: string) => {
    let format = oracles.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        era: 'short',
      });
      oracles.set(timeZone, format);
    }
    const parts = Object.fromEntries(format.formatToParts(time).map((p) => [p.type, p.value]));
    return Number(parts.year) * 12 + Number(parts.month) - 1;
  };
  const keyOf = (label: string) => Number(label.slice(0, 4)) * 12 + Number(label.slice(5)) - 1;

  /** What every instant's billing month must satisfy, checked against the independent model. */
  const check = (time: number, timeZone: string) => {
    const { start, end, label } = billingMonthOf(new Date(time), timeZone);
    const key = keyOf(label);
    expect(start.getTime()).toBeLessThanOrEqual(time);
    expect(time).toBeLessThan(end.getTime());
    // The month starts where the local calendar enters it and the month before ends there.
    expect(localMonth(start.getTime(), timeZone)).toBe(key);
    expect(localMonth(start.getTime() - 1, timeZone)).toBeLessThan(key);
    expect(billingMonthOf(end, timeZone).start).toEqual(end);
    // Locally the instant shows this month, or the next in the minutes before clocks go back across midnight.
    expect([key, key + 1]).toContain(localMonth(time, timeZone));
    for (const kind of ['downgrade', 'upgrade'] as const) {
      const at = effectiveAt({ kind, instant: false, now: new Date(time), timeZone }).getTime();
      expect(at).toBeGreaterThan(time);
      expect(at).toBe(end.getTime());
    }
  };

  it('contains the instant and starts where the local calendar enters the month, at random instants', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: from, max: to - 1 }), (timeZone, time) => {
        check(time, timeZone);
      }),
      { numRuns: 1500 },
    );
  }, 120_000);

  it("does so around each of a zone's clock changes in a random year, as the library lists them", () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 1900, max: 2099 }), (timeZone, year) => {
        const changes = tzScan(timeZone, {
          start: new Date(Date.UTC(year, 0, 1)),
          end: new Date(Date.UTC(year + 1, 0, 1)),
        });
        for (const { date } of changes) {
          // tzScan finds the hour of a change: look at every quarter hour around it.
          for (let step = -8; step <= 8; step++) check(date.getTime() + step * 900_000, timeZone);
        }
      }),
      { numRuns: 500 },
    );
  }, 120_000);

  it('is right at the local midnight of day 1 in zones whose clocks change near it', () => {
    for (const [timeZone, instant] of [
      ['America/St_Johns', '2009-11-01T02:31:00Z'],
      ['Asia/Gaza', '2004-09-30T21:30:00Z'],
      ['Asia/Kathmandu', '1985-12-31T18:30:00Z'],
      ['Africa/Cairo', '2014-07-31T22:00:00Z'],
      ['Europe/Dublin', '1912-08-01T00:25:21Z'],
    ] as const) {
      for (let step = -120; step <= 120; step++) check(at(instant).getTime() + step * 60_000, timeZone);
    }
  });
});

describe('billingMonthStart', () => {
  it.each([
    ['2026-01', BERLIN, '2025-12-31T23:00:00.000Z'],
    ['2026-03', BERLIN, '2026-02-28T23:00:00.000Z'],
    ['2026-04', BERLIN, '2026-03-31T22:00:00.000Z'],
    ['2027-01', BERLIN, '2026-12-31T23:00:00.000Z'],
    ['2026-07', 'America/New_York', '2026-07-01T04:00:00.000Z'],
    ['2026-07', 'UTC', '2026-07-01T00:00:00.000Z'],
  ])('%s in %s starts at %s', (label, timeZone, start) => {
    expect(iso(billingMonthStart(label, timeZone))).toBe(start);
    expect(billingMonthFromLabel(label, timeZone).label).toBe(label);
  });

  it.each(['2026-1', '2026-13', '2026-00', '26-01', '2026/01', ' 2026-01', '0999-12'])(
    'refuses %j',
    (label) => {
      expect(() => billingMonthStart(label, BERLIN)).toThrow(RangeError);
    },
  );

  it('refuses an unknown time zone and an invalid instant', () => {
    expect(() => billingMonthStart('2026-01', 'Mars/Olympus')).toThrow(RangeError);
    expect(() => billingMonthOf(at('2026-01-01T00:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => billingMonthOf(new Date(Number.NaN), BERLIN)).toThrow(RangeError);
  });
});

describe('billing months: properties', () => {
  const zones = [
    BERLIN,
    'America/New_York',
    'Asia/Kolkata',
    'Pacific/Auckland',
    'UTC',
    'America/Sao_Paulo',
    'Australia/Lord_Howe', // a half-hour DST shift
    'Asia/Kathmandu',
  ];
  const instant = fc
    .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })
    .map((time) => new Date(time));

  it('contains the instant, tiles time, and starts at local midnight on day 1', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (t, timeZone) => {
        const { start, end, label } = billingMonthOf(t, timeZone);
        expect(start.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(t.getTime()).toBeLessThan(end.getTime());
        // The next month starts where this one ends, and the previous one ends where this one starts.
        expect(billingMonthOf(end, timeZone).start).toEqual(end);
        expect(billingMonthOf(new Date(start.getTime() - 1), timeZone).end).toEqual(start);
        expect(billingMonthStart(label, timeZone)).toEqual(start);
        const local = new TZDate(start.getTime(), timeZone);
        expect([local.getDate(), local.getHours(), local.getMinutes(), local.getSeconds()]).toEqual([
          1, 0, 0, 0,
        ]);
        expect(label).toBe(`${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}`);
      }),
    );
  });

  it('makes the next month start strictly later and 28 to 31 days after the start of the month', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (t, timeZone) => {
        const next = nextBillingMonthStart(t, timeZone).getTime();
        const days = (next - billingMonthOf(t, timeZone).start.getTime()) / 86_400_000;
        expect(next).toBeGreaterThan(t.getTime());
        expect(days).toBeGreaterThanOrEqual(27.9);
        expect(days).toBeLessThanOrEqual(31.1);
      }),
    );
  });
});

describe('addCalendarMonths', () => {
  const berlin = 'Europe/Berlin';
  it('keeps the local time across a DST change', () => {
    // 1 March 00:00 Berlin (UTC+1) + 12 months = 1 March 00:00 Berlin the next year.
    expect(addCalendarMonths(new Date('2026-02-28T23:00:00Z'), 12, berlin).toISOString()).toBe(
      '2027-02-28T23:00:00.000Z',
    );
    // 1 March 00:00 (UTC+1) + 3 months = 1 June 00:00 (UTC+2).
    expect(addCalendarMonths(new Date('2026-02-28T23:00:00Z'), 3, berlin).toISOString()).toBe(
      '2026-05-31T22:00:00.000Z',
    );
  });
  it('clamps to the last day of a shorter month, and crosses year ends', () => {
    expect(addCalendarMonths(new Date('2026-01-31T11:00:00Z'), 1, berlin).toISOString()).toBe(
      '2026-02-28T11:00:00.000Z',
    );
    expect(addCalendarMonths(new Date('2026-11-15T11:00:00Z'), 14, berlin).toISOString()).toBe(
      '2028-01-15T11:00:00.000Z',
    );
  });
  it('maps a month start to a month start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2090 }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 60 }),
        (y, m, n) => {
          const start = billingMonthFromLabel(`${y}-${String(m + 1).padStart(2, '0')}`, berlin).start;
          const end = addCalendarMonths(start, n, berlin);
          expect(billingMonthOf(end, berlin).start.getTime()).toBe(end.getTime());
        },
      ),
    );
  });
});

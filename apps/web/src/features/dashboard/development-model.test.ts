import type { DashboardHistoryMonth, DashboardHistoryResponse } from '@vmsp/contracts';
import { describe, expect, it } from 'vitest';
import {
  compactMoneyFormat,
  type DevelopmentFormat,
  development,
  developmentRows,
  developmentSummary,
  shortMonthFormat,
} from './development-model.ts';

function month(
  label: string,
  ips: number,
  revenueMinor: number,
  purchaseMinor: number | null,
  current = false,
): DashboardHistoryMonth {
  return {
    month: label,
    current,
    ips: { total: ips, internal: ips - 10, external: 10 },
    revenueMinor,
    purchaseMinor,
    marginMinor: purchaseMinor === null ? null : revenueMinor - purchaseMinor,
  };
}

const history = (...months: DashboardHistoryMonth[]): DashboardHistoryResponse => ({
  currency: 'EUR',
  months,
});

const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' });
const format: DevelopmentFormat = {
  month: (p) => (p.current ? `${p.month} (current)` : p.month),
  number: (value) => new Intl.NumberFormat('en').format(value),
  money: (minor) => money.format(minor / 100),
  noValue: '–',
};

describe('development', () => {
  it('draws revenue, purchase cost and margin, oldest month first, with each month’s IPs', () => {
    const dev = development(
      history(month('2026-12', 1_300, 190_000, 120_000, true), month('2026-11', 1_200, 180_000, 110_000)),
    );
    expect(dev.series).toEqual(['revenueMinor', 'purchaseMinor', 'marginMinor']);
    expect(dev.monthsWithoutPurchase).toEqual([]);
    expect(dev.points).toEqual([
      {
        month: '2026-11',
        current: false,
        ips: 1_200,
        revenueMinor: 180_000,
        purchaseMinor: 110_000,
        marginMinor: 70_000,
      },
      {
        month: '2026-12',
        current: true,
        ips: 1_300,
        revenueMinor: 190_000,
        purchaseMinor: 120_000,
        marginMinor: 70_000,
      },
    ]);
  });

  it('leaves purchase cost and margin out when no month had purchase prices', () => {
    const dev = development(
      history(month('2026-11', 5, 1_000, null), month('2026-12', 6, 1_200, null, true)),
    );
    expect(dev.series).toEqual(['revenueMinor']);
    expect(dev.monthsWithoutPurchase).toEqual([]);
    expect(developmentRows(dev, format).map((row) => row.money)).toEqual([['€10.00'], ['€12.00']]);
  });

  it('keeps purchase cost and margin when some months had purchase prices, and names the months without', () => {
    const dev = development(
      history(
        month('2026-10', 5, 1_000, null),
        month('2026-11', 5, 1_000, 600),
        month('2026-12', 5, 1_000, 700, true),
      ),
    );
    expect(dev.series).toEqual(['revenueMinor', 'purchaseMinor', 'marginMinor']);
    expect(dev.monthsWithoutPurchase).toEqual(['2026-10']);
  });
});

describe('developmentRows', () => {
  it('writes the chart’s numbers as the table shows them: money from cents, a dash where unknown', () => {
    const dev = development(
      history(
        month('2026-10', 1_234, 123_456, null),
        month('2026-11', 1_240, 124_000, 80_050),
        month('2026-12', 1_250, 125_000, 130_000, true),
      ),
    );
    expect(developmentRows(dev, format)).toEqual([
      { month: '2026-10', label: '2026-10', ips: '1,234', money: ['€1,234.56', '–', '–'] },
      { month: '2026-11', label: '2026-11', ips: '1,240', money: ['€1,240.00', '€800.50', '€439.50'] },
      {
        month: '2026-12',
        label: '2026-12 (current)',
        ips: '1,250',
        money: ['€1,250.00', '€1,300.00', '-€50.00'],
      },
    ]);
  });
});

describe('developmentSummary', () => {
  it('names the first and the last month, how revenue and IPs moved, and the last margin', () => {
    const dev = development(
      history(month('2026-11', 1_200, 180_000, 110_000), month('2026-12', 1_300, 190_000, 120_000, true)),
    );
    expect(developmentSummary(dev, format)).toEqual({
      count: 2,
      from: '2026-11',
      to: '2026-12 (current)',
      revenueFrom: '€1,800.00',
      revenueTo: '€1,900.00',
      ipsFrom: '1,200',
      ipsTo: '1,300',
      marginTo: '€700.00',
    });
  });

  it('has no margin when the last month had no purchase prices, and nothing to say without months', () => {
    const dev = development(history(month('2026-11', 1, 100, 50), month('2026-12', 1, 100, null, true)));
    expect(developmentSummary(dev, format)?.marginTo).toBeNull();
    expect(developmentSummary(development(history()), format)).toBeNull();
  });
});

describe('axis formats', () => {
  it('writes months short, in the language', () => {
    expect(shortMonthFormat('en')('2026-07')).toBe('Jul 26');
    expect(shortMonthFormat('de')('2026-03')).toBe('März 26');
  });

  it('writes money ticks from minor units compactly, by the currency’s digits', () => {
    expect(compactMoneyFormat('en', 'EUR')(1_250_000_00)).toBe('€1.3M');
    expect(compactMoneyFormat('en', 'EUR')(12_000_00)).toBe('€12K');
    expect(compactMoneyFormat('en', 'EUR')(950_00)).toBe('€950');
    expect(compactMoneyFormat('en', 'JPY')(12_000)).toBe('¥12K');
    expect(compactMoneyFormat('de', 'EUR')(1_500_000_00)).toBe('1,5\u00a0Mio.\u00a0€');
  });
});

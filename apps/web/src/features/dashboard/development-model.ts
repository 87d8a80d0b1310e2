import type { DashboardHistoryMonth, DashboardHistoryResponse } from '@vmsp/contracts';
import { minorDigits } from '../../app/format.ts';

/** The months the development chart offers; the server answers for exactly these. */
export const DEVELOPMENT_RANGES = [6, 12] as const;
export type DevelopmentRange = (typeof DEVELOPMENT_RANGES)[number];

/** The money series of the chart, in the order they are drawn and listed; IPs are the line beside them. */
export const MONEY_SERIES = ['revenueMinor', 'purchaseMinor', 'marginMinor'] as const;
export type MoneySeries = (typeof MONEY_SERIES)[number];

/** One billing month of the chart: money in minor units (cents), as the server counts it. */
export interface DevelopmentPoint {
  /** `YYYY-MM`. */
  month: string;
  current: boolean;
  ips: number;
  revenueMinor: number;
  /** Null in a month no purchase price table applied to. */
  purchaseMinor: number | null;
  marginMinor: number | null;
}

export interface Development {
  currency: string;
  /** Oldest first, ending with the current month. */
  points: DevelopmentPoint[];
  /** The money series to draw: purchase cost and margin only when a purchase price table applied in some month. */
  series: MoneySeries[];
  /**
   * Months without purchase prices while other months have them: their purchase and margin are gaps, and the
   * page names them. Empty when no month has purchase prices (then the series are left out altogether).
   */
  monthsWithoutPurchase: string[];
}

const point = (month: DashboardHistoryMonth): DevelopmentPoint => ({
  month: month.month,
  current: month.current,
  ips: month.ips.total,
  revenueMinor: month.revenueMinor,
  purchaseMinor: month.purchaseMinor,
  marginMinor: month.marginMinor,
});

/** The chart's points and series from the server's history, oldest month first whatever order it came in. */
export function development(history: DashboardHistoryResponse): Development {
  const points = history.months.map(point).sort((a, b) => a.month.localeCompare(b.month));
  const without = points.filter((p) => p.purchaseMinor === null).map((p) => p.month);
  const withPurchase = without.length < points.length;
  return {
    currency: history.currency,
    points,
    series: withPurchase ? [...MONEY_SERIES] : ['revenueMinor'],
    monthsWithoutPurchase: withPurchase ? without : [],
  };
}

/** How the table and the summary write values: the page's own formatters (money from minor units). */
export interface DevelopmentFormat {
  month: (point: DevelopmentPoint) => string;
  number: (value: number) => string;
  money: (amountMinor: number) => string;
  noValue: string;
}

/** One row of the table view: the month and its figures as text, money cells in the order of `series`. */
export interface DevelopmentRow {
  month: string;
  label: string;
  ips: string;
  money: string[];
}

/** The table view: the same numbers as the chart, one row per month, oldest first. */
export function developmentRows(dev: Development, format: DevelopmentFormat): DevelopmentRow[] {
  return dev.points.map((p) => ({
    month: p.month,
    label: format.month(p),
    ips: format.number(p.ips),
    money: dev.series.map((key) => {
      const value = p[key];
      return value === null ? format.noValue : format.money(value);
    }),
  }));
}

/** What the chart's label says: the first and the last month, and how revenue, IPs and (if known) margin moved. */
export interface DevelopmentSummary {
  count: number;
  from: string;
  to: string;
  revenueFrom: string;
  revenueTo: string;
  ipsFrom: string;
  ipsTo: string;
  /** The last month's margin; null without purchase prices in that month. */
  marginTo: string | null;
}

/** Null without months (nothing to summarise). */
export function developmentSummary(dev: Development, format: DevelopmentFormat): DevelopmentSummary | null {
  const first = dev.points[0];
  const last = dev.points.at(-1);
  if (!first || !last) return null;
  return {
    count: dev.points.length,
    from: format.month(first),
    to: format.month(last),
    revenueFrom: format.money(first.revenueMinor),
    revenueTo: format.money(last.revenueMinor),
    ipsFrom: format.number(first.ips),
    ipsTo: format.number(last.ips),
    marginTo: last.marginMinor === null ? null : format.money(last.marginMinor),
  };
}

/** `2026-07` → `Jul 26` / `Juli 26`: the chart's axis is short; the table and tooltip name the month in full. */
export function shortMonthFormat(locale: string): (month: string) => string {
  const format = new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  return (month) => format.format(new Date(`${month}-01T00:00:00Z`));
}

/**
 * The money axis's ticks, compact where the language has a short form (`€12K`, `1,5 Mio. €`): a tick is a
 * scale, not an amount to read to the cent; the tooltip and the table show exact amounts.
 */
export function compactMoneyFormat(locale: string, currency: string): (amountMinor: number) => string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    });
  } catch {
    // An unknown currency code: the number alone; the tooltip and the table name the currency.
    format = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  }
  const unit = 10 ** minorDigits(currency);
  return (amountMinor) => format.format(amountMinor / unit);
}

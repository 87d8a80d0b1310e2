import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Invoices carry calendar dates (`YYYY-MM-DD`, already in the billing time zone) and months (`YYYY-MM`): they
 * are shown as they are, read at midnight UTC and formatted in UTC, so no browser time zone moves them a day.
 */
function utcDate(date: string): Date {
  return new Date(`${date.length === 7 ? `${date}-01` : date}T00:00:00Z`);
}

/** `2026-11-30` → `Nov 30, 2026` / `30.11.2026`. */
export function useFormatCalendarDate(): (date: string) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
    return (date) => format.format(utcDate(date));
  }, [i18n.language]);
}

/** `2026-11` → `November 2026`. */
export function useFormatMonth(): (month: string) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    return (month) => format.format(utcDate(month));
  }, [i18n.language]);
}

/** Basis points as a percent: 1900 → `19%` / `19 %`, 750 → `7.5%`. */
export function useFormatRate(): (basisPoints: number) => string {
  const { i18n } = useTranslation();
  const format = useMemo(
    () => new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 2 }),
    [i18n.language],
  );
  return useCallback((basisPoints) => format.format(basisPoints / 10_000), [format]);
}

/** Today's date in a time zone, as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The `count` months up to the one of `today` (`YYYY-MM-DD`), newest first: `2026-12`, `2026-11`, … */
export function monthsUpTo(today: string, count: number): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return Array.from({ length: count }, (_, back) => {
    const index = year * 12 + (month - 1) - back;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

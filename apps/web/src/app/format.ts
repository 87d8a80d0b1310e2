import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Formats ISO instants as date and time in the chosen language; null becomes a dash. */
export function useFormatDateTime(): (iso: string | null) => string {
  const { t, i18n } = useTranslation();
  const noValue = t('common.noValue');
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
    return (iso) => (iso === null ? noValue : format.format(new Date(iso)));
  }, [i18n.language, noValue]);
}

/** Whole numbers with the language's grouping: 1,234 / 1.234. */
export function useFormatNumber(): (value: number) => string {
  const { i18n } = useTranslation();
  return useMemo(() => new Intl.NumberFormat(i18n.language).format, [i18n.language]);
}

/** How many minor units a currency has (2 for EUR, 0 for JPY), as ICU knows it. */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** Formats an amount of minor units (cents) as money in the chosen language: 1234, EUR → €12.34 / 12,34 €. */
export function useFormatMoney(): (amountMinor: number, currency: string) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const formats = new Map<string, Intl.NumberFormat>();
    return (amountMinor, currency) => {
      let format = formats.get(currency);
      if (!format) {
        try {
          format = new Intl.NumberFormat(i18n.language, { style: 'currency', currency });
        } catch {
          // An unknown currency code: still show the amount, with the code.
          format = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2 });
          return `${format.format(amountMinor / 100)} ${currency}`;
        }
        formats.set(currency, format);
      }
      return format.format(amountMinor / 10 ** minorDigits(currency));
    };
  }, [i18n.language]);
}

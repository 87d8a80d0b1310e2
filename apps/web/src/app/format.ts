import { decimalOfMinor } from '@vmsp/domain';
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
  return moneyFormat('en', currency)?.resolvedOptions().maximumFractionDigits ?? 2;
}

const moneyFormats = new Map<string, Intl.NumberFormat | null>();

/** The language's currency format, or null for a currency code ICU does not know. */
function moneyFormat(language: string, currency: string): Intl.NumberFormat | null {
  const key = `${language}:${currency}`;
  let format = moneyFormats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(language, { style: 'currency', currency });
    } catch {
      format = null;
    }
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * An amount of minor units (cents) as money in a language: 1234, EUR → €12.34 (en) / 12,34 € (de). The cents
 * become an exact decimal string (no `minor / 100`, which is off from about 7×10¹⁵ cents) that Intl formats
 * as it is, so the web app shows what the invoice documents write.
 */
export function formatMoney(language: string, amountMinor: number, currency: string): string {
  const decimal = decimalOfMinor(amountMinor, minorDigits(currency)) as Intl.StringNumericLiteral;
  const format = moneyFormat(language, currency);
  if (format) return format.format(decimal);
  // A malformed currency code: still show the amount, with the code.
  return `${new Intl.NumberFormat(language, { minimumFractionDigits: 2 }).format(decimal)} ${currency}`;
}

/** formatMoney in the chosen language. */
export function useFormatMoney(): (amountMinor: number, currency: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(
    () => (amountMinor: number, currency: string) => formatMoney(language, amountMinor, currency),
    [language],
  );
}

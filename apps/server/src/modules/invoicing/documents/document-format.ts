/**
 * How the invoice documents write amounts, rates and dates. Amounts arrive as integer minor units and become
 * decimal strings by string operations only: no float ever holds money, so 0.1 + 0.2 cannot leak into a
 * legal record. Intl formats the exact decimal string (it takes strings as exact decimals), which gives each
 * language its grouping, decimal separator and currency symbol.
 */

import { decimalOfMinor } from '@vmsp/domain';

/** The digits after the decimal point of a currency (2 for EUR, 0 for JPY), as ISO 4217 and ICU know them. */
export function minorDigits(currency: string): number {
  // Building an Intl.NumberFormat costs more than the rest of an amount's formatting: once per currency.
  let digits = minorDigitsByCurrency.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    minorDigitsByCurrency.set(currency, digits);
  }
  return digits;
}

const minorDigitsByCurrency = new Map<string, number>();

// The documents write amounts with the domain's exact decimal, as the web app shows them.
export { decimalOfMinor };

/** Basis points as a percentage without trailing zeros: 1900 → "19", 1050 → "10.5", 0 → "0". */
export function percentOfBasisPoints(basisPoints: number): string {
  const decimal = decimalOfMinor(basisPoints, 2);
  return decimal.replace(/\.?0+$/, '') || '0';
}

const LOCALES = { en: 'en-GB', de: 'de-DE' } as const;
export type DocumentLanguage = keyof typeof LOCALES;

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** An amount in the invoice's currency as the language writes it: "1.071,00 €" (de), "€1,071.00" (en). */
export function formatMoney(minor: number, currency: string, language: DocumentLanguage): string {
  const key = `${language}:${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format.format(decimalOfMinor(minor, minorDigits(currency)) as Intl.StringNumericLiteral);
}

/** A rate as the language writes it: "19 %" (de), "19%" (en), "10,5 %" (de). */
export function formatPercent(basisPoints: number, language: DocumentLanguage): string {
  const number = percentOfBasisPoints(basisPoints);
  return language === 'de' ? `${number.replace('.', ',')} %` : `${number}%`;
}

/** A whole number with the language's grouping: 1,000 (en), 1.000 (de). */
export function formatCount(count: number, language: DocumentLanguage): string {
  return countFormats[language].format(count);
}

const countFormats = {
  en: new Intl.NumberFormat(LOCALES.en, { maximumFractionDigits: 0 }),
  de: new Intl.NumberFormat(LOCALES.de, { maximumFractionDigits: 0 }),
};

const dateFormats = {
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  de: new Intl.DateTimeFormat('de-DE', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }),
};

/**
 * A calendar date `YYYY-MM-DD` as the language writes it: "1 Dec 2026" (en), "01.12.2026" (de). The date is
 * already in the billing time zone; formatting it as UTC midnight keeps the day whatever the server's zone.
 */
export function formatDate(date: string, language: DocumentLanguage): string {
  return dateFormats[language].format(new Date(`${date}T00:00:00Z`));
}

/** The last calendar day of a billing month `YYYY-MM`. */
export function lastDayOfMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  if (!year || !monthNumber) throw new RangeError(`A billing month is YYYY-MM, got ${month}`);
  const days = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
}

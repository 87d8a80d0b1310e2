import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  decimalOfMinor,
  formatDate,
  formatMoney,
  formatPercent,
  lastDayOfMonth,
  minorDigits,
  percentOfBasisPoints,
} from './document-format.ts';

const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('document formats', () => {
  it('write minor units as exact decimals, also where a float would not be exact', () => {
    expect(decimalOfMinor(107_100)).toBe('1071.00');
    expect(decimalOfMinor(5)).toBe('0.05');
    expect(decimalOfMinor(0)).toBe('0.00');
    expect(decimalOfMinor(-1_999)).toBe('-19.99');
    expect(decimalOfMinor(900_719_925_474_099)).toBe('9007199254740.99');
    expect(decimalOfMinor(1_234, 0)).toBe('1234');
    expect(() => decimalOfMinor(1.5)).toThrow(RangeError);
  });

  it('format amounts in the currency with the language’s separators', () => {
    expect(plain(formatMoney(107_100, 'EUR', 'de'))).toBe('1.071,00 €');
    expect(formatMoney(107_100, 'EUR', 'en')).toBe('€1,071.00');
    expect(formatMoney(900_719_925_474_099, 'EUR', 'en')).toBe('€9,007,199,254,740.99');
    expect(plain(formatMoney(5, 'CHF', 'de'))).toBe('0,05 CHF');
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(formatMoney(1_500, 'JPY', 'en')).toBe('JP¥1,500');
  });

  it('write rates from basis points without trailing zeros', () => {
    expect(percentOfBasisPoints(1_900)).toBe('19');
    expect(percentOfBasisPoints(1_050)).toBe('10.5');
    expect(percentOfBasisPoints(0)).toBe('0');
    expect(formatPercent(1_900, 'de')).toBe('19 %');
    expect(formatPercent(1_050, 'de')).toBe('10,5 %');
    expect(formatPercent(700, 'en')).toBe('7%');
  });

  it('write calendar dates as each language does, whatever the server’s time zone', () => {
    expect(formatDate('2026-12-01', 'de')).toBe('01.12.2026');
    expect(formatDate('2026-12-01', 'en')).toBe('1 Dec 2026');
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
    expect(lastDayOfMonth('2028-02')).toBe('2028-02-29');
    expect(daysBetween('2026-10-16', '2026-10-31')).toBe(16);
    expect(daysBetween('2026-10-25', '2026-10-25')).toBe(1);
  });
});

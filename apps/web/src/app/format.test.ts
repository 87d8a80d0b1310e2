import { decimalOfMinor } from '@vmsp/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney } from './format.ts';

const decimalSeparator = { en: '.', de: ',' } as const;
type Language = keyof typeof decimalSeparator;

/** A shown amount read back as an exact decimal string: its sign, digits and decimal separator only. */
function readBack(shown: string, language: Language): string {
  const sign = /[-−]/.test(shown) ? '-' : '';
  const separator = decimalSeparator[language];
  const kept = [...shown].filter((char) => /\d/.test(char) || char === separator).join('');
  return sign + kept.replace(separator, '.');
}

describe('formatMoney', () => {
  it.each([
    ['en', 1234, 'EUR', '€12.34'],
    ['de', 1234, 'EUR', '12,34\u00a0€'],
    ['en', -5, 'EUR', '-€0.05'],
    ['de', -5, 'EUR', '-0,05\u00a0€'],
    ['en', 0, 'EUR', '€0.00'],
    ['en', 1234, 'JPY', '¥1,234'],
    // `minor / 100` shows …479.12 here: a float cannot hold every cent above about 7×10¹⁵ cents.
    ['en', 7_260_625_494_547_913, 'EUR', '€72,606,254,945,479.13'],
    ['de', 7_260_625_494_547_913, 'EUR', '72.606.254.945.479,13\u00a0€'],
    ['en', 1234, 'XYZ', 'XYZ\u00a012.34'],
  ] as const)('%s: %i %s → %s', (language, minor, currency, shown) => {
    expect(formatMoney(language, minor, currency)).toBe(shown);
  });

  it('shows exactly the cents the domain writes, for any amount up to ±9×10¹⁵ cents, in English and German', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -9e15, max: 9e15 }),
        fc.constantFrom<Language>('en', 'de'),
        (minor, language) => {
          expect(readBack(formatMoney(language, minor, 'EUR'), language)).toBe(decimalOfMinor(minor));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

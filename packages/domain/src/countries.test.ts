import { describe, expect, it } from 'vitest';
import {
  COUNTRY_CODES,
  countryName,
  countryOptions,
  EU_VAT_PREFIX,
  isCountryCode,
  isEuMemberState,
} from './countries.ts';

describe('COUNTRY_CODES', () => {
  it('holds the 249 officially assigned ISO 3166-1 alpha-2 codes, unique and sorted', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect([...COUNTRY_CODES].sort()).toEqual([...COUNTRY_CODES]);
    for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it('has a name in ICU for every code, so none is a typo', () => {
    for (const code of COUNTRY_CODES) expect(countryName(code, 'en')).not.toBe(code);
  });

  it.each(['DE', 'AT', 'GR', 'GB', 'SS', 'SX', 'BQ'])('includes %s', (code) => {
    expect(isCountryCode(code)).toBe(true);
  });

  it.each(['XK', 'XI', 'EL', 'UK', 'EU', 'de', '', 'DEU'])(
    'excludes %j, which is not an assigned code',
    (code) => {
      expect(isCountryCode(code)).toBe(false);
    },
  );
});

describe('EU_VAT_PREFIX', () => {
  it('covers the 27 member states, each a country code', () => {
    const members = Object.keys(EU_VAT_PREFIX);
    expect(members).toHaveLength(27);
    for (const code of members) expect(isCountryCode(code)).toBe(true);
  });

  it('uses EL for Greece and the country code everywhere else', () => {
    for (const [code, prefix] of Object.entries(EU_VAT_PREFIX)) {
      expect(prefix).toBe(code === 'GR' ? 'EL' : code);
    }
  });

  it('knows who is a member', () => {
    expect(isEuMemberState('DE')).toBe(true);
    expect(isEuMemberState('GR')).toBe(true);
    expect(isEuMemberState('GB')).toBe(false);
    expect(isEuMemberState('CH')).toBe(false);
    expect(isEuMemberState('EL')).toBe(false);
  });
});

describe('countryName', () => {
  it('names a country in the requested language', () => {
    expect(countryName('DE', 'de')).toBe('Deutschland');
    expect(countryName('DE', 'en')).toBe('Germany');
    expect(countryName('AT', 'de-AT')).toBe('Österreich');
  });

  it('falls back to English for a malformed locale instead of throwing', () => {
    expect(countryName('DE', 'not a locale!')).toBe('Germany');
  });
});

describe('countryOptions', () => {
  it('offers every country with its German name, sorted by German collation', () => {
    const options = countryOptions('de');
    expect(options).toHaveLength(249);
    expect(options).toContainEqual({ code: 'DE', name: 'Deutschland' });
    const compare = new Intl.Collator('de').compare;
    for (let i = 1; i < options.length; i++) {
      expect(compare(options[i - 1]!.name, options[i]!.name)).toBeLessThanOrEqual(0);
    }
  });

  it('sorts umlauts with their base letter, not after Z', () => {
    const names = countryOptions('de').map((o) => o.name);
    const at = names.indexOf('Österreich');
    expect(at).toBeGreaterThan(names.indexOf('Oman'));
    expect(at).toBeLessThan(names.indexOf('Pakistan'));
  });

  it('sorts by the localized name, so the order differs between languages', () => {
    const english = countryOptions('en');
    expect(english).toContainEqual({ code: 'DE', name: 'Germany' });
    expect(english.map((o) => o.code)).not.toEqual(countryOptions('de').map((o) => o.code));
  });
});

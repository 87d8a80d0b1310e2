import { errorCodes, validationRules } from '@vmsp/contracts';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestError } from './api.ts';
import { errorMessage } from './error-message.ts';
import { de } from './i18n/de.ts';
import { en } from './i18n/en.ts';
import { validationRuleTexts as rules } from './validation-rule-texts.ts';

// Every code the server can answer is listed in the contracts (the server's AppError takes no other).
const languages = { en, de };

describe('every server answer has a text in each language', () => {
  it.each(Object.keys(languages) as (keyof typeof languages)[])('%s: every error code', (language) => {
    const missing = errorCodes.filter((code) => !languages[language].errors[code]?.trim());
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(languages) as (keyof typeof languages)[])('%s: every validation rule', (language) => {
    const missing = validationRules.filter((rule) => !rules[language].validationRules[rule]?.trim());
    expect(missing).toEqual([]);
  });

  it('German words every code and rule itself, not in English', () => {
    // Codes whose message is the server's own (a refused input without a known rule) are worded by it.
    const own = errorCodes.filter((code) => en.errors[code] === '{{message}}');
    const english = errorCodes.filter((code) => !own.includes(code) && de.errors[code] === en.errors[code]);
    expect(english).toEqual([]);
    expect(
      validationRules.filter((rule) => rules.de.validationRules[rule] === rules.en.validationRules[rule]),
    ).toEqual([]);
  });
});

describe('errorMessage', () => {
  const t = i18next.createInstance();
  beforeAll(() =>
    t.init({
      lng: 'de',
      resources: {
        en: { translation: { ...en, ...rules.en } },
        de: { translation: { ...de, ...rules.de } },
      },
      fallbackLng: 'en',
    }),
  );
  const refused = (init: { code: string; message: string; field?: string; rule?: string; limit?: number }) =>
    new ApiRequestError({ status: 400, ...init });

  it('words a known code in the user language', () => {
    const error = refused({ code: 'STRIPE_NOT_CONFIGURED', message: 'Enter the Stripe keys first.' });
    expect(errorMessage(t.t, error)).toBe(de.errors.STRIPE_NOT_CONFIGURED);
  });

  it('words a refused input by its rule, with its number', () => {
    const error = refused({
      code: 'VALIDATION_FAILED',
      message: 'Too big: expected string to have <=200 characters',
      field: 'fromName',
      rule: 'too-long',
      limit: 200,
    });
    expect(errorMessage(t.t, error)).toBe('Verwenden Sie höchstens 200 Zeichen.');
  });

  it.each([
    [
      'iban',
      'This IBAN is not valid: check its digits.',
      'iban-checksum',
      undefined,
      'Diese IBAN ist nicht gültig: Prüfen Sie ihre Ziffern.',
    ],
    [
      'vatId',
      'This VAT-ID is not valid: check its format and digits.',
      'vat-id-format',
      undefined,
      'Diese USt-IdNr. ist nicht gültig: Prüfen Sie Format und Ziffern.',
    ],
    [
      'ranges.2.from',
      'This range must start right after the previous one ends.',
      'price-ranges-gap',
      undefined,
      'Dieser Bereich muss direkt nach dem Ende des vorigen beginnen.',
    ],
    [
      'paidOn',
      'The payment date cannot be in the future.',
      'date-in-future',
      undefined,
      'Das Datum darf nicht in der Zukunft liegen.',
    ],
    [
      'internal',
      'The key carries 12 IPs: internal and external must add up to them.',
      'ips-sum-mismatch',
      12,
      'Interne und externe IPs müssen zusammen 12 ergeben.',
    ],
  ])("words a refusal of the portal's own rules at %s in German", (field, message, rule, limit, german) => {
    const error = refused({
      code: 'VALIDATION_FAILED',
      message,
      field,
      rule,
      ...(limit === undefined ? {} : { limit }),
    });
    expect(errorMessage(t.t, error)).toBe(german);
  });

  it("shows the server's message for a refused input without a known rule", () => {
    const error = refused({
      code: 'VALIDATION_FAILED',
      message: 'From must not be after To.',
      field: 'from',
    });
    expect(errorMessage(t.t, error)).toBe('Ungültige Eingabe (From must not be after To.)');
    const newer = refused({ code: 'VALIDATION_FAILED', message: 'Too odd.', rule: 'too-odd' });
    expect(errorMessage(t.t, newer)).toBe('Ungültige Eingabe (Too odd.)');
  });
});

import type { CompanySettings } from '@vmsp/contracts';
import {
  type InvoiceNumberPatternProblem,
  isCountryCode,
  isEuMemberState,
  numberPatternProblem,
  validateVatId,
} from '@vmsp/domain';
import { z } from 'zod';
import { type BrokenRule, invalid } from '../../lib/errors.ts';

/** Settings → Company before an admin saved it: the defaults, everything else still to fill in. */
export const DEFAULT_COMPANY_SETTINGS: CompanySettings = {
  companyName: '',
  street: '',
  postalCode: '',
  city: '',
  country: '',
  vatId: '',
  taxNumber: '',
  email: '',
  phone: '',
  iban: '',
  bic: '',
  bankName: '',
  footer: '',
  standardVatRateBasisPoints: 1900,
  paymentTermDays: 14,
  numberPattern: 'RE-{YYYY}-{seq:6}',
  logoDataUrl: null,
};

/**
 * What an invoice cannot be issued without (EN 16931's seller party and the payment instructions), in the
 * page's order. The VAT-ID is required, the tax number optional: a reverse-charge invoice to an EU business must
 * carry the seller's VAT-ID (EN 16931 BR-AE-02, § 14a UStG), and the portal cannot know in advance whether it
 * will issue one. The tax number, where given, identifies the seller on invoices outside the scope of VAT (BR-O-02
 * forbids VAT-IDs there).
 */
const REQUIRED: readonly {
  key: keyof CompanySettings;
  label: string;
  missing: (s: CompanySettings) => boolean;
}[] = [
  { key: 'companyName', label: 'company name', missing: (s) => s.companyName === '' },
  { key: 'street', label: 'street', missing: (s) => s.street === '' },
  { key: 'postalCode', label: 'postal code', missing: (s) => s.postalCode === '' },
  { key: 'city', label: 'city', missing: (s) => s.city === '' },
  { key: 'country', label: 'country', missing: (s) => s.country === '' },
  { key: 'vatId', label: 'VAT-ID', missing: (s) => s.vatId === '' },
  { key: 'email', label: 'e-mail', missing: (s) => s.email === '' },
  { key: 'iban', label: 'IBAN', missing: (s) => s.iban === '' },
  { key: 'bic', label: 'BIC', missing: (s) => s.bic === '' },
  { key: 'bankName', label: 'bank name', missing: (s) => s.bankName === '' },
];

/** The fields still missing for invoicing, as CompanySettings keys. */
export function missingFields(s: CompanySettings): (keyof CompanySettings)[] {
  return REQUIRED.filter((r) => r.missing(s)).map((r) => r.key);
}

/** The missing fields in words, for the message that says why invoicing is off. */
export function describeMissing(missing: readonly string[]): string {
  return missing.map((key) => REQUIRED.find((r) => r.key === key)?.label ?? key).join(', ');
}

const PATTERN_REFUSALS: Record<InvoiceNumberPatternProblem, [string, BrokenRule]> = {
  'invalid-characters': [
    'Use {YYYY}, {seq:N} (N from 1 to 12) and the characters A–Z, a–z, 0–9, /, _, - and . only.',
    { rule: 'number-pattern-characters' },
  ],
  'missing-seq': [
    'The pattern needs the sequence number, e.g. {seq:6}.',
    { rule: 'number-pattern-no-sequence' },
  ],
  'missing-year': [
    'The pattern needs the year, {YYYY}: numbers start again every year.',
    { rule: 'number-pattern-no-year' },
  ],
  'too-long': [
    'Numbers from this pattern could grow longer than 60 characters.',
    { rule: 'number-pattern-too-long', limit: 60 },
  ],
};

const EMAIL = z.email();
const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const LOGO = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]+={0,2})$/;

/** ISO 13616's check: the IBAN with its first four characters moved to the end, letters as 10–35, mod 97 is 1. */
export function ibanChecksumValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/** Whether the decoded bytes really are the PNG or JPEG the data URL claims (a browser would show nothing). */
function logoBytesMatch(kind: string, base64: string): boolean {
  const head = Buffer.from(base64.slice(0, 16), 'base64');
  if (kind === 'png')
    return head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
}

/**
 * The settings as stored after a save: each given value checked and normalised (VAT-ID, IBAN and BIC without
 * spaces, in capitals). A field may stay empty (the page can be saved half done; invoicing stays off), but
 * what is entered must be valid. The first problem is thrown as 400 VALIDATION_FAILED naming its field.
 */
export function checkedCompanySettings(input: CompanySettings): CompanySettings {
  const s = { ...input };
  if (s.country !== '' && !isCountryCode(s.country))
    throw invalid('country', 'Choose a country from the list.', { rule: 'invalid-option' });
  // The VAT rules the invoices follow are the EU's (vatTreatment): a seller elsewhere would get wrong invoices.
  if (s.country !== '' && !isEuMemberState(s.country)) {
    throw invalid('country', 'Invoices follow the EU VAT rules: the issuer must be in an EU member state.', {
      rule: 'not-eu-country',
    });
  }
  // EN 16931 BR-S-05: standard-rated lines carry a rate above zero.
  if (s.standardVatRateBasisPoints <= 0) {
    throw invalid('standardVatRateBasisPoints', 'Enter the standard VAT rate, above 0 %.', {
      rule: 'vat-rate-zero',
    });
  }
  if (s.vatId !== '') {
    if (s.country === '' || !isCountryCode(s.country)) {
      throw invalid('country', 'Choose the country of the address the VAT-ID belongs to.', {
        rule: 'vat-id-needs-country',
      });
    }
    const vat = validateVatId(s.vatId, s.country);
    if (!vat.ok) {
      throw vat.reason === 'prefix-mismatch'
        ? invalid('vatId', `The VAT-ID must start with the prefix of the country ${s.country}.`, {
            rule: 'vat-id-prefix',
          })
        : invalid('vatId', 'This VAT-ID is not valid: check its format and digits.', {
            rule: 'vat-id-format',
          });
    }
    s.vatId = vat.normalized;
  }
  if (s.email !== '' && !EMAIL.safeParse(s.email).success)
    throw invalid('email', 'Enter a valid e-mail address.', { rule: 'invalid-email' });
  if (s.iban !== '') {
    s.iban = s.iban.replace(/\s+/g, '').toUpperCase();
    if (!IBAN.test(s.iban) || !ibanChecksumValid(s.iban)) {
      throw invalid('iban', 'This IBAN is not valid: check its digits.', {
        rule: IBAN.test(s.iban) ? 'iban-checksum' : 'iban-format',
      });
    }
  }
  if (s.bic !== '') {
    s.bic = s.bic.replace(/\s+/g, '').toUpperCase();
    if (!BIC.test(s.bic))
      throw invalid('bic', 'Enter a BIC of 8 or 11 letters and digits.', { rule: 'bic-format' });
  }
  const patternProblem = numberPatternProblem(s.numberPattern);
  if (patternProblem !== null) throw invalid('numberPattern', ...PATTERN_REFUSALS[patternProblem]);
  if (s.logoDataUrl !== null) {
    const logo = LOGO.exec(s.logoDataUrl);
    if (!logo?.[1] || !logo[2] || !logoBytesMatch(logo[1], logo[2])) {
      throw invalid('logoDataUrl', 'The logo must be a PNG or JPEG image.', { rule: 'logo-not-image' });
    }
  }
  return s;
}

/** The settings as the audit log keeps them: the logo as a note of its size, not its 400 KB of base64. */
export function auditView(s: CompanySettings): unknown {
  return { ...s, logoDataUrl: s.logoDataUrl === null ? null : `(image, ${s.logoDataUrl.length} characters)` };
}

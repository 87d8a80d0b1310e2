import { type CountryCode, EU_VAT_PREFIX, isEuMemberState } from './countries.ts';

/**
 * VAT-ID rule for a customer's main address (SPEC ): a VAT-ID is required unless the country is
 * Germany; one that is given (in Germany too) must carry the prefix of the address's country and match
 * that country's format, including its check digits where the country defines them.
 *
 * Coverage, decided for:
 * - The 27 EU member states: the format and check-digit rules the member states publish for VIES (the
 *   EU's VAT-ID exchange) and in the Commission's TIN algorithm documents.
 * - GB addresses accept both GB and XI (Northern Ireland, still in the EU VAT system for goods) VAT-IDs;
 *   both are HMRC numbers with the same mod-97 check.
 * - A few territories whose businesses hold another state's VAT-ID (TERRITORY_VAT_PREFIXES below).
 * - Any other country: no published format is checked, but the spec still requires a VAT-ID there, so
 *   the value must start with the country's alpha-2 code followed by 1–18 letters or digits (3–20
 *   characters in all; "CHE123456789MWST" for Switzerland, "NO123456789MVA" for Norway). A bare
 *   prefix is rejected, since it cannot identify anyone.
 */

export type VatIdFault = 'format' | 'checksum' | 'prefix-mismatch';

export type VatIdValidation = { ok: true; normalized: string } | { ok: false; reason: VatIdFault };

export interface CompanyVatIdProblem {
  reason: 'required' | VatIdFault;
}

export interface VatIdRequirement {
  required: boolean;
  /** The prefixes a VAT-ID for this country may start with, e.g. ['EL'] for GR, ['GB', 'XI'] for GB. */
  prefixes: readonly string[];
}

/** Separators people copy from letterheads and invoices, including the typographic dashes of PDFs. */
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212]/g;

export function normalizeVatId(input: string): string {
  return input.replace(SEPARATORS, '').toUpperCase();
}

/**
 * Places outside the EU member states whose businesses are registered under another state's VAT-IDs:
 * Monaco belongs to the French VAT territory (Directive 2006/112/EC, Art. 7) and the Isle of Man to the
 * UK's, so their VAT-IDs carry FR and GB. Without this, their customers could not enter their real VAT-ID.
 */
const TERRITORY_VAT_PREFIXES: Partial<Record<CountryCode, readonly string[]>> = {
  GB: ['GB', 'XI'],
  IM: ['GB'],
  MC: ['FR'],
};

export function vatIdPrefixes(country: CountryCode): readonly string[] {
  if (isEuMemberState(country)) return [EU_VAT_PREFIX[country]];
  return TERRITORY_VAT_PREFIXES[country] ?? [country];
}

export function vatIdRequirement(country: CountryCode): VatIdRequirement {
  return { required: country !== 'DE', prefixes: vatIdPrefixes(country) };
}

// ---------------------------------------------------------------------------------------------------
// Check-digit arithmetic

function digit(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += digit(digits, i) * (weights[i] ?? 0);
  return sum;
}

/** Luhn (ISO/IEC 7812-1): the whole string, check digit included, must sum to a multiple of 10. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digit(digits, i);
    if (double) d = d > 4 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** ISO 7064 MOD 11,10 (hybrid system), the check of German USt-IdNrs and Croatian OIBs. */
function iso7064Mod11_10Valid(digits: string): boolean {
  let product = 10;
  for (let i = 0; i < digits.length - 1; i++) {
    const sum = (digit(digits, i) + product) % 10 || 10;
    product = (sum * 2) % 11;
  }
  return (11 - product) % 10 === digit(digits, digits.length - 1);
}

/** Remainder of a long decimal string modulo 97, digit by digit so that no precision is lost. */
function mod97(numeric: string): number {
  let rest = 0;
  for (let i = 0; i < numeric.length; i++) rest = (rest * 10 + digit(numeric, i)) % 97;
  return rest;
}

/** ISO 13616 letter values (A=10 … Z=35), as used by IBAN and the Dutch 2020 btw-id. */
function lettersToDigits(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
}

function isValidDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// ---------------------------------------------------------------------------------------------------
// Country rules, keyed by VAT prefix. `body` is the VAT-ID without its prefix, already matched against
// `pattern`. Structural rules a regex can express (office-code ranges, fixed digits) live in the
// pattern, so breaking them is a 'format' fault; only the arithmetic is a 'checksum' fault.

interface VatIdRule {
  pattern: RegExp;
  /** Absent where the country publishes no check digit for any of its formats. */
  checksum?: (body: string) => boolean;
}

/** Austria (UID): the Luhn-like sum over the 7 digits after "U", shifted by 4 for the "U" itself. */
function atValid(body: string): boolean {
  let sum = 0;
  for (let i = 1; i <= 7; i++) {
    const product = digit(body, i) * (i % 2 === 1 ? 1 : 2);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - ((sum + 4) % 10)) % 10 === digit(body, 8);
}

/** Belgium (enterprise number): the last two digits are 97 minus the first eight modulo 97. */
function beValid(body: string): boolean {
  return 97 - (Number(body.slice(0, 8)) % 97) === Number(body.slice(8));
}

/**
 * Bulgaria: 9 digits for legal entities (weights 1…8, falling back to 3…10 when the remainder is 10);
 * 10 digits for persons: an EGN (civil number with a birth date), a foreigner's LNCh, or other
 * registrations, each with its own weights.
 */
function bgValid(body: string): boolean {
  if (body.length === 9) {
    let rest = weightedSum(body, [1, 2, 3, 4, 5, 6, 7, 8]) % 11;
    if (rest === 10) rest = weightedSum(body, [3, 4, 5, 6, 7, 8, 9, 10]) % 11;
    return rest % 10 === digit(body, 8);
  }
  const check = digit(body, 9);
  return (
    bgEgnValid(body) ||
    weightedSum(body, [21, 19, 17, 13, 11, 9, 7, 3, 1]) % 10 === check ||
    bgOtherValid(body)
  );
}

function bgEgnValid(body: string): boolean {
  let year = 1900 + Number(body.slice(0, 2));
  let month = Number(body.slice(2, 4));
  // The month carries the century: +20 for births in the 1800s, +40 for the 2000s.
  if (month > 40) {
    year += 100;
    month -= 40;
  } else if (month > 20) {
    year -= 100;
    month -= 20;
  }
  if (!isValidDate(year, month, Number(body.slice(4, 6)))) return false;
  return (weightedSum(body, [2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11) % 10 === digit(body, 9);
}

function bgOtherValid(body: string): boolean {
  const check = (11 - (weightedSum(body, [4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11)) % 11;
  return check === digit(body, 9);
}

/** Cyprus: digits at odd positions are mapped through a fixed table; the sum mod 26 picks the letter. */
const CY_ODD_POSITION_VALUE = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21];
function cyValid(body: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++)
    sum += i % 2 === 0 ? (CY_ODD_POSITION_VALUE[digit(body, i)] ?? 0) : digit(body, i);
  return String.fromCharCode(65 + (sum % 26)) === body[8];
}

/**
 * Czechia (DIČ): 8 digits for legal entities (weights 8…2, check 11 − sum mod 11, with 10 → 0 and
 * 11 → 1); 10 digits for persons, which is the birth number, divisible by 11 (numbers issued before
 * 1985 may instead end in 0 where the remainder was 10). 9-digit numbers (birth numbers before 1954 and
 * special registrations) carry no check digit, so only their format is checked.
 */
function czValid(body: string): boolean {
  if (body.length === 8) {
    const check = (11 - (weightedSum(body, [8, 7, 6, 5, 4, 3, 2]) % 11)) % 11 || 1;
    return check % 10 === digit(body, 7);
  }
  if (body.length === 10) {
    return Number(body) % 11 === 0 || (Number(body.slice(0, 9)) % 11 === 10 && digit(body, 9) === 0);
  }
  return true;
}

/** Denmark (CVR): weights 2,7,6,5,4,3,2,1 over all eight digits sum to a multiple of 11. */
function dkValid(body: string): boolean {
  return weightedSum(body, [2, 7, 6, 5, 4, 3, 2, 1]) % 11 === 0;
}

/** Estonia (KMKR): weights 3,7,1 repeated; the check digit completes the sum to a multiple of 10. */
function eeValid(body: string): boolean {
  return (10 - (weightedSum(body, [3, 7, 1, 3, 7, 1, 3, 7]) % 10)) % 10 === digit(body, 8);
}

/** Greece (AFM): weights are the powers of two 2⁸…2¹; check = sum mod 11 mod 10. */
function elValid(body: string): boolean {
  return (weightedSum(body, [256, 128, 64, 32, 16, 8, 4, 2]) % 11) % 10 === digit(body, 8);
}

/**
 * Spain (NIF): DNI (8 digits + letter) and NIE (X/Y/Z standing for 0/1/2) and the K/L/M personal
 * numbers use the mod-23 letter table; legal entities (formerly CIF) use a Luhn-style digit over the
 * 7 digits, written as a digit or as the letter J…I for 0…9. Orden EHA/451/2008: a letter for public
 * bodies, religious institutions and permanent establishments (P, Q, R, S, W) and for non-residents
 * (province "00"), a digit for A, B, E and H; either for the other entity types.
 */
const ES_PERSON_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const ES_ENTITY_LETTERS = 'JABCDEFGHI';
function esValid(body: string): boolean {
  const first = body[0] ?? '';
  const last = body[8] ?? '';
  if (/\d/.test(first)) return ES_PERSON_LETTERS[Number(body.slice(0, 8)) % 23] === last;
  if ('XYZ'.includes(first)) {
    return ES_PERSON_LETTERS[Number('XYZ'.indexOf(first) + body.slice(1, 8)) % 23] === last;
  }
  if ('KLM'.includes(first)) return ES_PERSON_LETTERS[Number(body.slice(1, 8)) % 23] === last;

  let sum = 0;
  for (let i = 1; i <= 7; i++) {
    const d = digit(body, i);
    // Positions 1, 3, 5, 7 of the seven digits are doubled and their digit sums added.
    sum += i % 2 === 1 ? (d > 4 ? d * 2 - 9 : d * 2) : d;
  }
  const check = (10 - (sum % 10)) % 10;
  const asDigit = String(check);
  const asLetter = ES_ENTITY_LETTERS[check];
  if ('PQRSW'.includes(first) || body.slice(1, 3) === '00') return last === asLetter;
  if ('ABEH'.includes(first)) return last === asDigit;
  return last === asDigit || last === asLetter;
}

/** Finland (ALV, the Y-tunnus): weights 7,9,10,5,8,4,2; check 11 − sum mod 11; remainder 1 is never issued. */
function fiValid(body: string): boolean {
  const rest = weightedSum(body, [7, 9, 10, 5, 8, 4, 2]) % 11;
  if (rest === 1) return false;
  return (rest === 0 ? 0 : 11 - rest) === digit(body, 7);
}

/**
 * France (TVA): a 2-character key before the 9-digit SIREN. The SIREN carries a Luhn digit, except for
 * entities without a SIREN (Monaco's, which start with 000). A numeric key is (12 + 3 × (SIREN mod 97))
 * mod 97; the alphanumeric keys of the newer series follow no published rule, so only their format is
 * checked.
 */
function frValid(body: string): boolean {
  const siren = body.slice(2);
  if (!siren.startsWith('000') && !luhnValid(siren)) return false;
  const key = body.slice(0, 2);
  if (!/^\d{2}$/.test(key)) return true;
  return Number(key) === (12 + 3 * (Number(siren) % 97)) % 97;
}

/** Hungary (adószám): weights 9,7,3,1 repeated sum to a multiple of 10. */
function huValid(body: string): boolean {
  return weightedSum(body, [9, 7, 3, 1, 9, 7, 3, 1]) % 10 === 0;
}

/**
 * Ireland: 7 digits, a check letter and, since 2013, an optional second letter (A…I, or W for none) that
 * counts with weight 9; the pre-1996 format (digit, letter or + or *, 5 digits, check letter) is checked
 * as the 7-digit number 0 + its five digits + its first digit. Check letter = "WAB…V"[sum mod 23].
 */
const IE_LETTERS = 'WABCDEFGHIJKLMNOPQRSTUV';
function ieValid(body: string): boolean {
  const isOldFormat = !/^\d{7}/.test(body);
  const digits = isOldFormat ? `0${body.slice(2, 7)}${body[0]}` : body.slice(0, 7);
  let sum = weightedSum(digits, [8, 7, 6, 5, 4, 3, 2]);
  const second = body[8];
  if (!isOldFormat && second !== undefined) sum += 9 * IE_LETTERS.indexOf(second);
  return IE_LETTERS[sum % 23] === body[7];
}

/** Lithuania (PVM): weights 1…9,1,2 (mod 11); a remainder of 10 retries with weights shifted by 2. */
function ltValid(body: string): boolean {
  const payload = body.slice(0, -1);
  let rest = 0;
  for (let i = 0; i < payload.length; i++) rest += (1 + (i % 9)) * digit(payload, i);
  rest %= 11;
  if (rest === 10) {
    rest = 0;
    for (let i = 0; i < payload.length; i++) rest += (1 + ((i + 2) % 9)) * digit(payload, i);
    rest %= 11;
  }
  return rest % 10 === digit(body, body.length - 1);
}

/** Luxembourg: the last two digits are the first six modulo 89. */
function luValid(body: string): boolean {
  return Number(body.slice(0, 6)) % 89 === Number(body.slice(6));
}

/**
 * Latvia (PVN): legal entities (first digit above 3) have weights 9,1,4,8,3,10,2,5,7,6,1 summing to 3
 * mod 11. Natural persons use their personal code, whose post-2017 form has no check digit; only their
 * format is checked.
 */
function lvValid(body: string): boolean {
  if (digit(body, 0) <= 3) return true;
  return weightedSum(body, [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1]) % 11 === 3;
}

/** Malta: the last two digits are 37 minus the weighted sum (3,4,6,7,8,9) of the first six mod 37. */
function mtValid(body: string): boolean {
  return 37 - (weightedSum(body, [3, 4, 6, 7, 8, 9]) % 37) === Number(body.slice(6));
}

/**
 * Netherlands (btw-id): companies use their RSIN with the eleven-test (weights 9…2 and −1); since 2020
 * sole proprietors have a number that instead passes ISO 7064 MOD 97-10 over "NL" + body, letters as
 * in IBANs (NL000099998B57 is the Belastingdienst's own example).
 */
function nlValid(body: string): boolean {
  const elevenTest = (weightedSum(body, [9, 8, 7, 6, 5, 4, 3, 2]) - digit(body, 8)) % 11 === 0;
  return elevenTest || mod97(lettersToDigits(`NL${body}`)) === 1;
}

/** Poland (NIP): weights 6,5,7,2,3,4,5,6,7, check = sum mod 11 (10 is never issued). */
function plValid(body: string): boolean {
  return weightedSum(body, [6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11 === digit(body, 9);
}

/** Portugal (NIF): weights 9…2, check 11 − sum mod 11, where 10 and 11 become 0. */
function ptValid(body: string): boolean {
  const check = 11 - (weightedSum(body, [9, 8, 7, 6, 5, 4, 3, 2]) % 11);
  return (check >= 10 ? 0 : check) === digit(body, 8);
}

/** Romania (CUI): left-padded to 9 digits, weights 7,5,3,2,1,7,5,3,2; check = sum × 10 mod 11 mod 10. */
function roValid(body: string): boolean {
  const payload = body.slice(0, -1).padStart(9, '0');
  return (
    ((weightedSum(payload, [7, 5, 3, 2, 1, 7, 5, 3, 2]) * 10) % 11) % 10 === digit(body, body.length - 1)
  );
}

/** Sweden (momsregistreringsnummer): the 10-digit organisation number carries a Luhn digit; "01" follows. */
function seValid(body: string): boolean {
  return luhnValid(body.slice(0, 10));
}

/** Slovenia (DDV): weights 8…2, check 11 − sum mod 11 with 10 → 0; 11 is never issued. */
function siValid(body: string): boolean {
  const check = 11 - (weightedSum(body, [8, 7, 6, 5, 4, 3, 2]) % 11);
  if (check === 11) return false;
  return check % 10 === digit(body, 7);
}

/** Slovakia (IČ DPH): the whole 10-digit number is divisible by 11. */
function skValid(body: string): boolean {
  return Number(body) % 11 === 0;
}

/**
 * UK and Northern Ireland (HMRC): weights 8…2,10,1 over the first nine digits give 0 mod 97 (original
 * scheme) or 42 mod 97 ("9755" scheme, i.e. +55 ≡ 0, used for numbers from 100 000 000 on). Branch
 * traders append 3 digits; government departments (GD000–GD499) and health authorities (HA500–HA999)
 * have no check digits.
 */
function gbValid(body: string): boolean {
  if (body.startsWith('GD') || body.startsWith('HA')) return true;
  const rest = weightedSum(body, [8, 7, 6, 5, 4, 3, 2, 10, 1]) % 97;
  return rest === 0 || (rest === 42 && Number(body.slice(0, 3)) >= 100);
}

const GB_RULE: VatIdRule = { pattern: /^(?:\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2})$/, checksum: gbValid };

const RULES: Readonly<Record<string, VatIdRule>> = {
  AT: { pattern: /^U\d{8}$/, checksum: atValid },
  BE: { pattern: /^[01]\d{9}$/, checksum: beValid },
  BG: { pattern: /^\d{9,10}$/, checksum: bgValid },
  CY: { pattern: /^\d{8}[A-Z]$/, checksum: cyValid },
  // The VIES routine for legal entities' 8-digit numbers excludes a leading 9.
  CZ: { pattern: /^(?:[0-8]\d{7}|\d{9,10})$/, checksum: czValid },
  DE: { pattern: /^[1-9]\d{8}$/, checksum: iso7064Mod11_10Valid },
  DK: { pattern: /^[1-9]\d{7}$/, checksum: dkValid },
  EE: { pattern: /^\d{9}$/, checksum: eeValid },
  EL: { pattern: /^\d{9}$/, checksum: elValid },
  ES: { pattern: /^(?:\d{8}[A-Z]|[KLMXYZ]\d{7}[A-Z]|[ABCDEFGHJNPQRSUVW]\d{7}[0-9A-J])$/, checksum: esValid },
  FI: { pattern: /^\d{8}$/, checksum: fiValid },
  // The key never uses I or O, which would be mistaken for 1 and 0.
  FR: { pattern: /^[0-9A-HJ-NP-Z]{2}\d{9}$/, checksum: frValid },
  HR: { pattern: /^\d{11}$/, checksum: iso7064Mod11_10Valid },
  HU: { pattern: /^\d{8}$/, checksum: huValid },
  IE: { pattern: /^(?:\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/, checksum: ieValid },
  // Digits 8–10 are the issuing provincial office: 001–100, 120, 121, 888 or 999.
  IT: { pattern: /^(?!0{7})\d{7}(?:00[1-9]|0[1-9]\d|100|12[01]|888|999)\d$/, checksum: luhnValid },
  // The second-to-last digit is always 1, marking a VAT payer's code.
  LT: { pattern: /^(?:\d{7}|\d{10})1\d$/, checksum: ltValid },
  LU: { pattern: /^\d{8}$/, checksum: luValid },
  LV: { pattern: /^\d{11}$/, checksum: lvValid },
  MT: { pattern: /^[1-9]\d{7}$/, checksum: mtValid },
  // The two digits after B number the fiscal units of one entity, starting at 01.
  NL: { pattern: /^(?!0{9})\d{9}B(?!00)\d{2}$/, checksum: nlValid },
  PL: { pattern: /^\d{10}$/, checksum: plValid },
  PT: { pattern: /^[1-9]\d{8}$/, checksum: ptValid },
  RO: { pattern: /^[1-9]\d{1,9}$/, checksum: roValid },
  SE: { pattern: /^\d{10}01$/, checksum: seValid },
  SI: { pattern: /^[1-9]\d{7}$/, checksum: siValid },
  SK: { pattern: /^[1-9]\d{9}$/, checksum: skValid },
  GB: GB_RULE,
  XI: GB_RULE,
};

/** Countries without a published format: their alpha-2 code plus 1–18 letters or digits. */
const GENERIC_RULE: VatIdRule = { pattern: /^[A-Z0-9]{1,18}$/ };

// ---------------------------------------------------------------------------------------------------

export function validateVatId(vatId: string, country: CountryCode): VatIdValidation {
  const normalized = normalizeVatId(vatId);
  // '+' and '*' occur only in old Irish numbers; anything else outside A–Z/0–9 is never part of a VAT-ID.
  if (!/^[A-Z0-9+*]+$/.test(normalized)) return { ok: false, reason: 'format' };
  const prefix = vatIdPrefixes(country).find((p) => normalized.startsWith(p));
  if (prefix === undefined) return { ok: false, reason: 'prefix-mismatch' };
  const body = normalized.slice(prefix.length);
  const rule = RULES[prefix] ?? GENERIC_RULE;
  if (!rule.pattern.test(body)) return { ok: false, reason: 'format' };
  if (rule.checksum && !rule.checksum(body)) return { ok: false, reason: 'checksum' };
  return { ok: true, normalized };
}

/** for a company's main address: null when acceptable, else why not. */
export function checkCompanyVatId(address: {
  country: CountryCode;
  vatId?: string | null | undefined;
}): CompanyVatIdProblem | null {
  const given = normalizeVatId(address.vatId ?? '');
  if (given === '') return vatIdRequirement(address.country).required ? { reason: 'required' } : null;
  const result = validateVatId(given, address.country);
  return result.ok ? null : { reason: result.reason };
}

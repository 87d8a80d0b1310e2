/**
 * Countries for company addresses (SPEC ). Codes are ISO 3166-1 alpha-2 as officially assigned
 * (249 entries, checked against Debian's iso-codes 4.15 list); user-assigned codes such as XK (Kosovo) or XI
 * (Northern Ireland, a VAT prefix only) are deliberately not countries here. Names come from the
 * runtime's ICU data via Intl.DisplayNames, so no translation table has to be kept in sync.
 */
// biome-ignore format: a grid of 249 codes is easier to review than one code per line
export const COUNTRY_CODES = [
  'AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AQ', 'AR', 'AS', 'AT', 'AU', 'AW', 'AX', 'AZ', 'BA', 'BB', 'BD', 'BE',
  'BF', 'BG', 'BH', 'BI', 'BJ', 'BL', 'BM', 'BN', 'BO', 'BQ', 'BR', 'BS', 'BT', 'BV', 'BW', 'BY', 'BZ', 'CA', 'CC', 'CD',
  'CF', 'CG', 'CH', 'CI', 'CK', 'CL', 'CM', 'CN', 'CO', 'CR', 'CU', 'CV', 'CW', 'CX', 'CY', 'CZ', 'DE', 'DJ', 'DK', 'DM',
  'DO', 'DZ', 'EC', 'EE', 'EG', 'EH', 'ER', 'ES', 'ET', 'FI', 'FJ', 'FK', 'FM', 'FO', 'FR', 'GA', 'GB', 'GD', 'GE', 'GF',
  'GG', 'GH', 'GI', 'GL', 'GM', 'GN', 'GP', 'GQ', 'GR', 'GS', 'GT', 'GU', 'GW', 'GY', 'HK', 'HM', 'HN', 'HR', 'HT', 'HU',
  'ID', 'IE', 'IL', 'IM', 'IN', 'IO', 'IQ', 'IR', 'IS', 'IT', 'JE', 'JM', 'JO', 'JP', 'KE', 'KG', 'KH', 'KI', 'KM', 'KN',
  'KP', 'KR', 'KW', 'KY', 'KZ', 'LA', 'LB', 'LC', 'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV', 'LY', 'MA', 'MC', 'MD', 'ME',
  'MF', 'MG', 'MH', 'MK', 'ML', 'MM', 'MN', 'MO', 'MP', 'MQ', 'MR', 'MS', 'MT', 'MU', 'MV', 'MW', 'MX', 'MY', 'MZ', 'NA',
  'NC', 'NE', 'NF', 'NG', 'NI', 'NL', 'NO', 'NP', 'NR', 'NU', 'NZ', 'OM', 'PA', 'PE', 'PF', 'PG', 'PH', 'PK', 'PL', 'PM',
  'PN', 'PR', 'PS', 'PT', 'PW', 'PY', 'QA', 'RE', 'RO', 'RS', 'RU', 'RW', 'SA', 'SB', 'SC', 'SD', 'SE', 'SG', 'SH', 'SI',
  'SJ', 'SK', 'SL', 'SM', 'SN', 'SO', 'SR', 'SS', 'ST', 'SV', 'SX', 'SY', 'SZ', 'TC', 'TD', 'TF', 'TG', 'TH', 'TJ', 'TK',
  'TL', 'TM', 'TN', 'TO', 'TR', 'TT', 'TV', 'TW', 'TZ', 'UA', 'UG', 'UM', 'US', 'UY', 'UZ', 'VA', 'VC', 'VE', 'VG', 'VI',
  'VN', 'VU', 'WF', 'WS', 'YE', 'YT', 'ZA', 'ZM', 'ZW',
] as const;

export type CountryCode = (typeof COUNTRY_CODES)[number];

const COUNTRY_CODE_SET: ReadonlySet<string> = new Set(COUNTRY_CODES);

export function isCountryCode(value: string): value is CountryCode {
  return COUNTRY_CODE_SET.has(value);
}

/**
 * The 27 EU member states and the prefix of their VAT-IDs. The prefix is the alpha-2 code except
 * for Greece, which uses EL (ISO 639 "Ελληνικά") under Directive 2006/112/EC, Art. 215.
 */
export const EU_VAT_PREFIX = {
  AT: 'AT',
  BE: 'BE',
  BG: 'BG',
  CY: 'CY',
  CZ: 'CZ',
  DE: 'DE',
  DK: 'DK',
  EE: 'EE',
  ES: 'ES',
  FI: 'FI',
  FR: 'FR',
  GR: 'EL',
  HR: 'HR',
  HU: 'HU',
  IE: 'IE',
  IT: 'IT',
  LT: 'LT',
  LU: 'LU',
  LV: 'LV',
  MT: 'MT',
  NL: 'NL',
  PL: 'PL',
  PT: 'PT',
  RO: 'RO',
  SE: 'SE',
  SI: 'SI',
  SK: 'SK',
} as const satisfies Partial<Record<CountryCode, string>>;

export type EuMemberState = keyof typeof EU_VAT_PREFIX;

export function isEuMemberState(code: string): code is EuMemberState {
  return Object.hasOwn(EU_VAT_PREFIX, code);
}

const FALLBACK_LOCALE = 'en';
const displayNamesByLocale = new Map<string, Intl.DisplayNames>();
const collatorByLocale = new Map<string, Intl.Collator>();

/** Intl constructors throw a RangeError on a malformed tag; an unknown language should not break a form. */
function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? FALLBACK_LOCALE;
  } catch {
    return FALLBACK_LOCALE;
  }
}

function displayNames(locale: string): Intl.DisplayNames {
  const key = safeLocale(locale);
  let names = displayNamesByLocale.get(key);
  if (!names) {
    names = new Intl.DisplayNames(key, { type: 'region', fallback: 'code' });
    displayNamesByLocale.set(key, names);
  }
  return names;
}

function collator(locale: string): Intl.Collator {
  const key = safeLocale(locale);
  let found = collatorByLocale.get(key);
  if (!found) {
    found = new Intl.Collator(key);
    collatorByLocale.set(key, found);
  }
  return found;
}

/** The country's name in the given locale (e.g. 'de' → "Deutschland"); the code itself if ICU has none. */
export function countryName(code: CountryCode, locale: string): string {
  return displayNames(locale).of(code) ?? code;
}

export interface CountryOption {
  code: CountryCode;
  name: string;
}

/** Every country with its localized name, sorted the way a reader of that locale expects (Ö after O in German). */
export function countryOptions(locale: string): CountryOption[] {
  const compare = collator(locale).compare;
  return COUNTRY_CODES.map((code) => ({ code, name: countryName(code, locale) })).sort((a, b) =>
    compare(a.name, b.name),
  );
}

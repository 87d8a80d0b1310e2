import { divideHalfUp } from './money.ts';

/**
 * The price table and the graduated price of n IPs. Amounts are integer minor units (cents)
 * of the table's one currency: nothing here multiplies or divides a float amount.
 *
 * Bound: a valid table's full price (every range filled) is a safe integer (validatePriceTable checks it, rule
 * 'too-large'). The graduated price only grows with n, so every total, line amount and partial sum of
 * graduatedPrice is a safe integer too, and plain number arithmetic on them is exact.
 */

export interface PriceRange {
  /** First IP count of the range, inclusive. */
  from: number;
  /** Last IP count of the range, inclusive. */
  to: number;
  articleName: string;
  articleNumber: string;
  /** Price per IP and month in minor units. */
  unitPriceMinor: number;
}

export interface PriceTable {
  currency: string;
  ranges: PriceRange[];
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing amounts typed by a person

export type ParseMoneyReason =
  | 'empty'
  | 'negative'
  | 'malformed'
  | 'ambiguous'
  | 'too-many-decimals'
  | 'too-large';

export type ParseMoneyResult<F extends string = string> =
  | { ok: true; minor: number }
  | { ok: false; field: F; reason: ParseMoneyReason };

const DIGITS = /^\d+$/;
const DECIMAL = /^(\d+)[.,](\d+)$/;
const GROUPED_DOT_DECIMAL_COMMA = /^([1-9]\d{0,2}(?:\.\d{3})+),(\d+)$/;
const GROUPED_COMMA_DECIMAL_DOT = /^([1-9]\d{0,2}(?:,\d{3})+)\.(\d+)$/;
// A first group of '0' is no thousands grouping: "0.345" has three decimals.
const GROUPED_NO_DECIMAL = /^[1-9]\d{0,2}([.,])\d{3}(?:\1\d{3})*$/;

/**
 * Parses an amount a person typed ("12", "12.3", "12,30", "1.234,56") into integer minor units, digit by digit
 * from the string (never Number(x) * 100, which turns 1.15 into 114.99999999999999).
 *
 * Accepted (surrounding white space is ignored):
 * - digits: "12" → 1200;
 * - digits, one decimal separator ('.' or ',', German users type a comma), one or two decimals: "12.3", "1,50";
 * - thousands groups only when the decimal part follows with the *other* separator, so the reading is
 *   unambiguous: "1.234,56" (German), "1,234.56" (English), "1.234.567,00".
 * Refused:
 * - 'ambiguous': one separator followed by exactly three digits ("12.345" is 12345 in German and 12.345 in
 *   English), and grouping without a decimal part ("1.234.567"), so that users never have to count separators;
 * - 'too-many-decimals': more than two decimals ("1.2345", "1.234,567"); a price is never a fraction of a cent;
 * - 'negative': a leading minus sign ('-' or '−'); prices are ≥ 0;
 * - 'malformed': everything else: "+1", "1e3", "1,2,3", ".5", "12.", spaces or letters inside, currency symbols;
 * - 'too-large': more minor units than Number.MAX_SAFE_INTEGER;
 * - 'empty': nothing but white space.
 * `field` is echoed back in a failure so that the caller can show the message next to that input.
 */
export function parseMoney<F extends string>(input: string, field: F): ParseMoneyResult<F> {
  const fail = (reason: ParseMoneyReason): ParseMoneyResult<F> => ({ ok: false, field, reason });
  const text = input.trim();
  if (text === '') return fail('empty');
  if (text.startsWith('-') || text.startsWith('\u2212')) return fail('negative');

  let whole: string;
  let fraction = '';
  if (DIGITS.test(text)) {
    whole = text;
  } else if (GROUPED_NO_DECIMAL.test(text)) {
    return fail('ambiguous');
  } else {
    const match =
      GROUPED_DOT_DECIMAL_COMMA.exec(text) ?? GROUPED_COMMA_DECIMAL_DOT.exec(text) ?? DECIMAL.exec(text);
    if (!match) return fail('malformed');
    whole = (match[1] ?? '').replace(/[.,]/g, '');
    fraction = match[2] ?? '';
    if (fraction.length > 2) return fail('too-many-decimals');
  }

  // BigInt so that a long digit string is refused as too large rather than silently rounded.
  const minor = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return fail('too-large');
  return { ok: true, minor: Number(minor) };
}

// ---------------------------------------------------------------------------------------------------------------
// Validating a table

export type PriceTableRule =
  | 'empty'
  | 'must-start-at-1'
  | 'gap'
  | 'overlap'
  | 'from-after-to'
  | 'negative-price'
  | 'not-integer'
  | 'article-name-required'
  | 'article-number-required'
  | 'too-large';

export interface PriceTableProblem {
  /** Where the problem is, e.g. 'ranges.2.from'; 'ranges' for an empty table. */
  path: string;
  rule: PriceTableRule;
}

/**
 * Every problem of a table, in range order, so that the admin sees all of them at once:
 * - 'empty' (path 'ranges'): no range;
 * - 'not-integer' / 'too-large' on from, to or unitPriceMinor: not a whole number / not a safe integer;
 * - 'must-start-at-1' (ranges.0.from); 'from-after-to' (ranges.i.to);
 * - 'gap' / 'overlap' (ranges.i.from): range i does not begin right after range i−1 ends (ranges are in order);
 * - 'negative-price' (ranges.i.unitPriceMinor);
 * - 'article-name-required' / 'article-number-required': blank after trimming;
 * - 'too-large' (ranges.i.unitPriceMinor): the full price up to range i exceeds Number.MAX_SAFE_INTEGER, which
 *   would make graduated prices inexact (see the bound above); reported once, at the first such range.
 * The currency is not checked here: the contracts validate ISO codes.
 */
export function validatePriceTable(table: PriceTable): PriceTableProblem[] {
  const problems: PriceTableProblem[] = [];
  if (table.ranges.length === 0) return [{ path: 'ranges', rule: 'empty' }];

  const wholeNumber = (value: number, path: string): boolean => {
    if (!Number.isInteger(value)) problems.push({ path, rule: 'not-integer' });
    else if (!Number.isSafeInteger(value)) problems.push({ path, rule: 'too-large' });
    else return true;
    return false;
  };

  let fullPrice = 0;
  let fullPriceSafe = true;
  table.ranges.forEach((range, i) => {
    const at = `ranges.${i}`;
    const fromOk = wholeNumber(range.from, `${at}.from`);
    const toOk = wholeNumber(range.to, `${at}.to`);
    const priceOk = wholeNumber(range.unitPriceMinor, `${at}.unitPriceMinor`);

    if (fromOk && i === 0 && range.from !== 1) problems.push({ path: `${at}.from`, rule: 'must-start-at-1' });
    if (fromOk && toOk && range.from > range.to) problems.push({ path: `${at}.to`, rule: 'from-after-to' });
    const previous = i > 0 ? table.ranges[i - 1] : undefined;
    if (fromOk && previous && Number.isSafeInteger(previous.to)) {
      if (range.from > previous.to + 1) problems.push({ path: `${at}.from`, rule: 'gap' });
      if (range.from <= previous.to) problems.push({ path: `${at}.from`, rule: 'overlap' });
    }
    if (priceOk && range.unitPriceMinor < 0) {
      problems.push({ path: `${at}.unitPriceMinor`, rule: 'negative-price' });
    }
    if (range.articleName.trim() === '')
      problems.push({ path: `${at}.articleName`, rule: 'article-name-required' });
    if (range.articleNumber.trim() === '') {
      problems.push({ path: `${at}.articleNumber`, rule: 'article-number-required' });
    }

    if (fromOk && toOk && priceOk && fullPriceSafe && range.to >= range.from && range.unitPriceMinor >= 0) {
      // BigInt: width × price may itself be beyond the safe range, and that is exactly what we are detecting.
      const next = BigInt(fullPrice) + BigInt(range.to - range.from + 1) * BigInt(range.unitPriceMinor);
      if (next > BigInt(Number.MAX_SAFE_INTEGER)) {
        problems.push({ path: `${at}.unitPriceMinor`, rule: 'too-large' });
        fullPriceSafe = false;
      } else {
        fullPrice = Number(next);
      }
    }
  });
  return problems;
}

/** The largest orderable total: the upper end of the last range (R-3.4 decision); 0 for an empty table. */
export function maxIps(table: PriceTable): number {
  return table.ranges.at(-1)?.to ?? 0;
}

// ---------------------------------------------------------------------------------------------------------------
// The graduated price

export interface PriceLine {
  rangeIndex: number;
  from: number;
  to: number;
  articleName: string;
  articleNumber: string;
  /** How many of the n IPs fall into this range. */
  count: number;
  unitPriceMinor: number;
  /** count × unitPriceMinor. */
  amountMinor: number;
}

export interface GraduatedPrice {
  totalMinor: number;
  /** One line per range that holds at least one of the n IPs, in range order. */
  lines: PriceLine[];
}

/**
 * The monthly price of n IPs: the sum over the ranges of (how many of the n IPs fall into the range) ×
 * the range's price. 300 IPs over 1–50, 51–250, 251–500 are 50 + 200 + 50 IPs. The internal/external split
 * does not matter. The web app's preview and the server's billing both call this one function.
 *
 * Throws RangeError for an invalid table (see validatePriceTable) or when n is not an integer in 0..maxIps.
 */
export function graduatedPrice(table: PriceTable, n: number): GraduatedPrice {
  const problems = validatePriceTable(table);
  if (problems.length > 0) {
    const first = problems[0];
    throw new RangeError(`Invalid price table: ${first?.rule} at ${first?.path}`);
  }
  const max = maxIps(table);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new RangeError(`The IP count must be a whole number from 0 to ${max}, got ${n}`);
  }

  const lines: PriceLine[] = [];
  let totalMinor = 0;
  table.ranges.forEach((range, rangeIndex) => {
    const count = Math.min(n, range.to) - range.from + 1;
    if (count <= 0) return;
    const amountMinor = count * range.unitPriceMinor;
    totalMinor += amountMinor;
    lines.push({
      rangeIndex,
      from: range.from,
      to: range.to,
      articleName: range.articleName,
      articleNumber: range.articleNumber,
      count,
      unitPriceMinor: range.unitPriceMinor,
      amountMinor,
    });
  });
  return { totalMinor, lines };
}

// ---------------------------------------------------------------------------------------------------------------
// The average price per IP

/** total / n as an exact fraction (not reduced); null for n = 0, which has no average. */
export function averageUnitPrice(
  totalMinor: number,
  n: number,
): { numeratorMinor: number; denominator: number } | null {
  checkAverageArguments(totalMinor, n);
  return n === 0 ? null : { numeratorMinor: totalMinor, denominator: n };
}

/** total / n rounded half-up to the minor unit: for display only, never to compute with. */
export function averageUnitPriceRounded(totalMinor: number, n: number): number | null {
  checkAverageArguments(totalMinor, n);
  return n === 0 ? null : divideHalfUp(totalMinor, n);
}

function checkAverageArguments(totalMinor: number, n: number): void {
  if (!Number.isSafeInteger(totalMinor) || totalMinor < 0 || !Number.isSafeInteger(n) || n < 0) {
    throw new RangeError('An average needs a whole total ≥ 0 in minor units and a whole IP count ≥ 0');
  }
}

/**
 * Invoice numbers (BT-1) from the pattern set under Settings → Company, e.g. `RE-{YYYY}-{seq:6}` →
 * `RE-2026-000123`. The sequence is gapless per year (the server's counter), so the year must be part of the
 * number to keep numbers unique across years, and the sequence must be there to keep them unique within one.
 *
 * Placeholders:
 * - `{YYYY}`: the four-digit year of issue;
 * - `{seq:N}`: the sequence number, zero-padded to N digits (N = 1…12); a number with more digits is written
 *   in full, never cut, so numbers stay unique when a year outgrows the padding.
 * Everything else in the pattern is literal and limited to `A–Z a–z 0–9 / _ - .`: characters that are safe in
 * file names (the PDF is named after the number), in XML and in accounting exports.
 */

export const DEFAULT_INVOICE_NUMBER_PATTERN = 'RE-{YYYY}-{seq:6}';

/** EN 16931 sets no length; 60 keeps numbers readable and fits every accounting export we know of. */
export const INVOICE_NUMBER_MAX_LENGTH = 60;

/**
 * How many digits a pattern must leave room for, whatever its padding: up to 999,999,999 numbers a year. A
 * pattern is judged by the longest number it will realistically produce, so that it cannot be accepted today
 * and overflow the limit later in a busy year.
 */
const SEQ_DIGITS_RESERVED = 9;

export type InvoiceNumberPatternProblem = 'missing-seq' | 'missing-year' | 'invalid-characters' | 'too-long';

const PLACEHOLDER = /\{YYYY\}|\{seq:([1-9]|1[0-2])\}/g;
const LITERAL = /^[A-Za-z0-9/_.-]*$/;

interface Part {
  kind: 'literal' | 'year' | 'seq';
  text: string;
  width: number;
}

/** The pattern as parts, or null when something in it is neither a placeholder nor an allowed literal. */
function parse(pattern: string): Part[] | null {
  const parts: Part[] = [];
  let at = 0;
  for (const match of pattern.matchAll(PLACEHOLDER)) {
    const literal = pattern.slice(at, match.index);
    if (!LITERAL.test(literal)) return null;
    if (literal) parts.push({ kind: 'literal', text: literal, width: 0 });
    parts.push(
      match[1] === undefined
        ? { kind: 'year', text: '', width: 4 }
        : { kind: 'seq', text: '', width: Number(match[1]) },
    );
    at = match.index + match[0].length;
  }
  const rest = pattern.slice(at);
  if (!LITERAL.test(rest)) return null;
  if (rest) parts.push({ kind: 'literal', text: rest, width: 0 });
  return parts;
}

/**
 * Why a pattern cannot be used, or null when it can. Checked in this order: 'invalid-characters' (a character
 * outside the allowed set, or braces that are not one of the two placeholders, e.g. `{yyyy}` or `{seq:0}`),
 * 'missing-seq', 'missing-year', 'too-long' (the number, with a nine-digit sequence, would exceed 60 characters).
 * A placeholder may appear more than once.
 */
export function numberPatternProblem(pattern: string): InvoiceNumberPatternProblem | null {
  const parts = parse(pattern);
  if (parts === null) return 'invalid-characters';
  if (!parts.some((p) => p.kind === 'seq')) return 'missing-seq';
  if (!parts.some((p) => p.kind === 'year')) return 'missing-year';
  const longest = parts.reduce(
    (sum, p) =>
      sum +
      (p.kind === 'literal' ? p.text.length : p.kind === 'year' ? 4 : Math.max(p.width, SEQ_DIGITS_RESERVED)),
    0,
  );
  return longest > INVOICE_NUMBER_MAX_LENGTH ? 'too-long' : null;
}

/**
 * The number for sequence `seq` (≥ 1) of `year`. Throws RangeError for a pattern with a problem (see
 * numberPatternProblem), a year outside 1000–9999 or a sequence that is not a whole number ≥ 1.
 */
export function formatInvoiceNumber(pattern: string, year: number, seq: number): string {
  const problem = numberPatternProblem(pattern);
  if (problem) throw new RangeError(`Invoice number pattern '${pattern}' is unusable: ${problem}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`An invoice year has four digits, got ${year}`);
  }
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new RangeError(`An invoice sequence number is a whole number ≥ 1, got ${seq}`);
  }
  const number = (parse(pattern) ?? [])
    .map((p) => {
      if (p.kind === 'literal') return p.text;
      if (p.kind === 'year') return String(year);
      return String(seq).padStart(p.width, '0');
    })
    .join('');
  // Only a sequence beyond the reserved nine digits gets here.
  if (number.length > INVOICE_NUMBER_MAX_LENGTH) {
    throw new RangeError(`Invoice number ${number} is longer than ${INVOICE_NUMBER_MAX_LENGTH} characters`);
  }
  return number;
}

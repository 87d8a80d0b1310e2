/**
 * Money is an integer of minor units (cents) with an ISO currency; no floating point touches an amount.
 * Averages are exact fractions until they are shown, and only then rounded half-up to the cent.
 */

/** numerator / denominator rounded half-up (away from zero at .5) to an integer. */
export function divideHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError('divideHalfUp needs safe integers and a non-zero denominator');
  }
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = BigInt(Math.abs(numerator));
  const d = BigInt(Math.abs(denominator));
  const rounded = (2n * n + d) / (2n * d);
  return sign * Number(rounded);
}

/**
 * Minor units as a plain decimal string by string operations, e.g. 107100 → "1071.00", -5 → "-0.05": exact for
 * every safe integer, where `minor / 100` is off from about 7×10¹⁵ cents. Intl formats such a string exactly.
 */
export function decimalOfMinor(minor: number, digits = 2): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`An amount must be whole minor units, got ${minor}`);
  const sign = minor < 0 ? '-' : '';
  const plain = String(Math.abs(minor));
  if (digits === 0) return sign + plain;
  const padded = plain.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

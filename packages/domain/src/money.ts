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

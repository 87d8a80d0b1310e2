import { nextBillingMonthStart } from './billing-month.ts';

/**
 * What a change of the IP distribution is and when it takes effect. The clock and the provider's time
 * zone are arguments, so the month end and DST are testable.
 */
export type ChangeKind = 'start' | 'upgrade' | 'downgrade' | 'redistribution';

/**
 * - no active subscription (cancelled or never subscribed: currentTotal null) → 'start', a new subscription;
 * - the total grows → 'upgrade', shrinks → 'downgrade', stays → 'redistribution' (only internal/external move).
 * Totals must be whole numbers ≥ 1 (validateDistribution reports why to the user; this throws RangeError).
 */
export function classifyChange(currentTotal: number | null, nextTotal: number): ChangeKind {
  for (const total of [currentTotal, nextTotal]) {
    if (total !== null && (!Number.isSafeInteger(total) || total < 1)) {
      throw new RangeError(`A subscription total is a whole number ≥ 1, got ${total}`);
    }
  }
  if (currentTotal === null) return 'start';
  if (nextTotal > currentTotal) return 'upgrade';
  if (nextTotal < currentTotal) return 'downgrade';
  return 'redistribution';
}

export interface EffectiveAtInput {
  kind: ChangeKind;
  /** 'Perform action instantly' was checked; matters only for an upgrade. */
  instant: boolean;
  now: Date;
  /** The provider's IANA time zone that defines billing months. */
  timeZone: string;
}

/**
 * When the change applies:
 * - 'start' and 'redistribution' (a decision: the price does not change) → now;
 * - 'upgrade' → now when performed instantly, else the start of the next billing month;
 * - 'downgrade' → the end of the current billing month, whatever `instant` says: the customer has paid for the
 *   month's IPs. Months are half-open [start, end), so that end is the next month's start.
 */
export function effectiveAt({ kind, instant, now, timeZone }: EffectiveAtInput): Date {
  if (Number.isNaN(now.getTime())) throw new RangeError('Invalid instant');
  switch (kind) {
    case 'start':
    case 'redistribution':
      return new Date(now.getTime());
    case 'upgrade':
      return instant ? new Date(now.getTime()) : nextBillingMonthStart(now, timeZone);
    case 'downgrade':
      return nextBillingMonthStart(now, timeZone);
  }
}

export type DistributionField = 'total' | 'internal' | 'external';
export type DistributionRule = 'not-whole-number' | 'too-small' | 'too-large' | 'sum-mismatch';

export interface DistributionProblem {
  field: DistributionField;
  rule: DistributionRule;
}

export interface DistributionInput {
  total: number;
  internal: number;
  external: number;
  /** The largest orderable total: maxIps of the price table (R-3.4 decision). */
  max: number;
}

/**
 * The problems of an IP distribution, each tied to the input it concerns:
 * - total: 'not-whole-number', 'too-small' (< 1), 'too-large' (> max);
 * - internal, external: 'not-whole-number', 'too-small' (< 0);
 * - 'sum-mismatch' on 'total' when internal + external ≠ total (checked only when all three are whole numbers,
 *   so that one mistake is not reported twice).
 * "Whole number" means a safe integer: beyond that the sum could not be checked exactly.
 */
export function validateDistribution({
  total,
  internal,
  external,
  max,
}: DistributionInput): DistributionProblem[] {
  const problems: DistributionProblem[] = [];
  const check = (field: DistributionField, value: number, min: number): boolean => {
    if (!Number.isSafeInteger(value)) problems.push({ field, rule: 'not-whole-number' });
    else if (value < min) problems.push({ field, rule: 'too-small' });
    else return true;
    return false;
  };
  const totalOk = check('total', total, 1);
  if (totalOk && total > max) problems.push({ field: 'total', rule: 'too-large' });
  const internalOk = check('internal', internal, 0);
  const externalOk = check('external', external, 0);
  if (totalOk && internalOk && externalOk && internal + external !== total) {
    problems.push({ field: 'total', rule: 'sum-mismatch' });
  }
  return problems;
}

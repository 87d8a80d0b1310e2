import type { PaidMethod } from '@vmsp/contracts';
import type { PeriodRecord } from './subscriptions.repository.ts';

/** Terms of subscription periods that both a single change and the month end's batches follow. */

/** A new subscription is billed by invoice until the payments feature offers more methods. */
export const DEFAULT_PAYMENT_METHOD: PaidMethod = 'invoice';

export const totalOf = (p: { ipsInternal: number; ipsExternal: number }) => p.ipsInternal + p.ipsExternal;

/** What the audit log keeps of a subscription: its numbers and price, before and after. */
export const auditView = (p: {
  ipsInternal: number;
  ipsExternal: number;
  monthlyPriceMinor: number;
  currency: string;
}) => ({
  ipsInternal: p.ipsInternal,
  ipsExternal: p.ipsExternal,
  monthlyPriceMinor: p.monthlyPriceMinor,
  currency: p.currency,
});

/**
 * The method a period keeps when its IPs change by the price table: its own, except that a project key pays
 * only for the IPs it carries, so other numbers are billed by invoice from then on.
 */
export function methodAfterChange(running: PeriodRecord | undefined): PaidMethod {
  if (!running || running.paymentMethod === 'project-key') return DEFAULT_PAYMENT_METHOD;
  return running.paymentMethod;
}

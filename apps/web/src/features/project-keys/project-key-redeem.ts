import { type ParseMoneyResult, parseMoney } from '@vmsp/domain';
import { initialDraft, withTotal } from '../subscriptions/ip-distribution.ts';

/** The wizard's steps: the key, its overview with the sales price, the distribution, the overview again. */
export const WIZARD_STEPS = ['key', 'price', 'distribution', 'confirm'] as const;
export type WizardStep = 0 | 1 | 2 | 3;

/**
 * The key's IPs split as the customer has them now, as far as they fit (the rest goes external); all internal
 * when the customer has no IPs yet.
 */
export function initialSplit(current: { ipsInternal: number; ipsExternal: number } | null, ips: number) {
  const hasIps = current !== null && current.ipsInternal + current.ipsExternal > 0;
  return withTotal(initialDraft(hasIps ? current : null), ips);
}

/** The sales price as typed, parsed digit by digit into minor units (never through a float). */
export function parseSalesPrice(text: string): ParseMoneyResult<'salesPrice'> {
  return parseMoney(text, 'salesPrice');
}

/** Sales − purchase, in minor units; negative when the key is sold below its price. */
export function marginMinor(salesMinor: number, purchaseMinor: number): number {
  return salesMinor - purchaseMinor;
}

/**
 * The step a refusal of the server belongs to, so that it is shown where it can be fixed: anything about the
 * key at the key, the sales price at its input, the split at the distribution, the rest on the last step.
 */
export function stepOfError(error: { code: string; field?: string | undefined }): WizardStep {
  if (error.code.startsWith('PROJECT_KEY_') || error.field === 'key') return 0;
  if (error.field === 'salesPrice') return 1;
  if (error.field === 'internal' || error.field === 'external' || error.field === 'total') return 2;
  return 3;
}

import type { CompanySettings } from '@vmsp/contracts';

/** The form's state: the stored settings, with the VAT rate as a percent and number inputs that may be empty. */
export interface CompanySettingsValues
  extends Omit<CompanySettings, 'standardVatRateBasisPoints' | 'paymentTermDays'> {
  vatRatePercent: number | string;
  paymentTermDays: number | string;
}

export const companyFormFields = [
  'companyName',
  'street',
  'postalCode',
  'city',
  'country',
  'vatId',
  'taxNumber',
  'email',
  'phone',
  'iban',
  'bic',
  'bankName',
  'footer',
  'vatRatePercent',
  'paymentTermDays',
  'numberPattern',
  'logoDataUrl',
] as const;
export type CompanyFormField = (typeof companyFormFields)[number];

/** The form field of a field the server names: the server speaks of basis points, the form of percent. */
export function formFieldOf(serverField: string | undefined): string | undefined {
  return serverField === 'standardVatRateBasisPoints' ? 'vatRatePercent' : serverField;
}

export function valuesFrom(settings: CompanySettings): CompanySettingsValues {
  const { standardVatRateBasisPoints, ...rest } = settings;
  return { ...rest, vatRatePercent: standardVatRateBasisPoints / 100 };
}

/**
 * A percent with at most two decimals as basis points (19 → 1900, 7.5 → 750), or null when it is empty, out
 * of 0–100 or finer than a basis point. Rounding only removes the float noise of `× 100` (7.15 × 100 is
 * 715.0000000000001); a third decimal is refused, not rounded away.
 */
export function basisPointsOf(percent: number | string): number | null {
  if (percent === '') return null;
  const value = Number(percent);
  if (!Number.isFinite(value) || value < 0 || value > 100) return null;
  const basisPoints = Math.round(value * 100);
  return Math.abs(basisPoints - value * 100) < 1e-6 ? basisPoints : null;
}

/** Whole days from 0 to 365, or null. */
export function paymentTermOf(days: number | string): number | null {
  if (days === '') return null;
  const value = Number(days);
  return Number.isInteger(value) && value >= 0 && value <= 365 ? value : null;
}

/** The request from values the form has validated (rate and term are then numbers in range). */
export function requestFrom(values: CompanySettingsValues): CompanySettings {
  const { vatRatePercent, paymentTermDays, ...rest } = values;
  return {
    ...rest,
    standardVatRateBasisPoints: basisPointsOf(vatRatePercent) ?? 0,
    paymentTermDays: paymentTermOf(paymentTermDays) ?? 0,
  };
}

import { SaveStripeSettingsRequest, type StripeSettingsView } from '@vmsp/contracts';

/** The form's state. An empty secret keeps the stored one. */
export interface StripeSettingsValues {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
}

export const stripeFormFields = ['secretKey', 'publishableKey', 'webhookSecret'] as const;
export type StripeFormField = (typeof stripeFormFields)[number];

export function valuesFrom(settings: StripeSettingsView): StripeSettingsValues {
  return { secretKey: '', publishableKey: settings.publishableKey ?? '', webhookSecret: '' };
}

/** The request: secrets left empty are left out, so that the stored ones stay. */
export function requestFrom(values: StripeSettingsValues): SaveStripeSettingsRequest {
  const secretKey = values.secretKey.trim();
  const webhookSecret = values.webhookSecret.trim();
  return {
    publishableKey: values.publishableKey.trim(),
    ...(secretKey === '' ? {} : { secretKey }),
    ...(webhookSecret === '' ? {} : { webhookSecret }),
  };
}

export type StripeFieldProblem = 'required' | 'invalid';

/** The contracts' own format rules, field by field, so that the form can say each problem in the user's language. */
export function fieldProblem(
  field: StripeFormField,
  value: string,
  stored: boolean,
): StripeFieldProblem | null {
  const text = value.trim();
  if (text === '') return stored || field === 'webhookSecret' ? null : 'required';
  return SaveStripeSettingsRequest.shape[field].safeParse(text).success ? null : 'invalid';
}

/** The stored key's last characters, as the placeholder shows them: "stored (…4242)". */
export function hintOf(settings: StripeSettingsView): string {
  return (settings.secretKeyHint ?? '').replace(/^[.…]+/, '');
}

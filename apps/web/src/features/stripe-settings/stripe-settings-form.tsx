import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { StripeSettingsView } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { PasswordField } from '../../app/ui/password-field.tsx';
import { useUnsavedChanges } from '../../app/unsaved-changes.tsx';
import { useSaveStripeSettings } from './stripe-settings-api.ts';
import {
  fieldProblem,
  hintOf,
  requestFrom,
  type StripeFormField,
  type StripeSettingsValues,
  stripeFormFields,
  valuesFrom,
} from './stripe-settings-values.ts';
import './texts.ts';

/**
 * `ApiKey` (the secret key), `Public Access Key` (the publishable key), the webhook signing secret, `Save`.
 * Secrets are never shown back: an empty secret input keeps the stored one. Stripe's refusal of a key is
 * shown, in Stripe's own words, at `ApiKey`.
 */
export function StripeSettingsForm({
  settings,
  onSaved,
}: {
  settings: StripeSettingsView;
  /** After the keys were checked and stored (the Payment Methods dialog closes then). */
  onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const save = useSaveStripeSettings();
  const problemText = (field: StripeFormField, value: string, stored: boolean) => {
    const problem = fieldProblem(field, value, stored);
    return problem === null ? null : t(`payments.stripe.problems.${field}.${problem}`);
  };
  const form = useForm<StripeSettingsValues>({
    initialValues: valuesFrom(settings),
    // Save stays disabled while a field is invalid: each field says why as soon as it is left.
    validateInputOnBlur: true,
    validate: {
      secretKey: (value) => problemText('secretKey', value, settings.secretKeySet),
      publishableKey: (value) => problemText('publishableKey', value, false),
      webhookSecret: (value) => problemText('webhookSecret', value, settings.webhookSecretSet),
    },
  });

  const dirty = form.isDirty();
  const leavePrompt = useUnsavedChanges(dirty);

  const submit = form.onSubmit((values) =>
    save.mutate(requestFrom(values), {
      onSuccess: (saved) => {
        form.setValues(valuesFrom(saved));
        form.resetDirty(valuesFrom(saved));
        notifications.show({ color: 'green', message: t('payments.stripe.saved') });
        onSaved?.();
      },
      onError: (error) => {
        // Stripe's refusal names the key it refused; its message is Stripe's own, shown as it is.
        if (isApiError(error, 'STRIPE_REJECTED')) {
          form.setFieldError(fieldOf(error, stripeFormFields) ?? 'secretKey', error.message);
          return;
        }
        const field = fieldOf(error, stripeFormFields);
        if (field) form.setFieldError(field, message(error));
      },
    }),
  );
  const shownAtField =
    isApiError(save.error, 'STRIPE_REJECTED') || fieldOf(save.error, stripeFormFields) !== null;
  const hint = hintOf(settings);

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {save.isError && !shownAtField && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {message(save.error)}
          </Alert>
        )}
        <PasswordField
          label={t('payments.stripe.secretKey')}
          description={`${
            settings.secretKeySet ? t('payments.stripe.secretKeyStored') : t('payments.stripe.secretKeyHint')
          } ${t('stripeKeys.secretKeyWhere')}`}
          placeholder={
            settings.secretKeySet
              ? hint === ''
                ? t('payments.stripe.stored')
                : t('payments.stripe.storedWithHint', { hint })
              : 'sk_test_…'
          }
          autoComplete="off"
          spellCheck={false}
          {...form.getInputProps('secretKey')}
        />
        <TextInput
          label={t('payments.stripe.publishableKey')}
          description={`${t('payments.stripe.publishableKeyHint')} ${t('stripeKeys.publishableKeyWhere')}`}
          placeholder="pk_test_…"
          autoComplete="off"
          spellCheck={false}
          {...form.getInputProps('publishableKey')}
        />
        <PasswordField
          label={t('payments.stripe.webhookSecret')}
          description={
            settings.webhookSecretSet
              ? t('payments.stripe.webhookSecretStored')
              : t('payments.stripe.webhookSecretMissing')
          }
          placeholder={settings.webhookSecretSet ? t('payments.stripe.stored') : 'whsec_…'}
          autoComplete="off"
          spellCheck={false}
          {...form.getInputProps('webhookSecret')}
        />
        <Group>
          <Button type="submit" disabled={!dirty || !form.isValid()} loading={save.isPending}>
            {t('payments.stripe.save')}
          </Button>
        </Group>
      </Stack>
      {leavePrompt}
    </form>
  );
}

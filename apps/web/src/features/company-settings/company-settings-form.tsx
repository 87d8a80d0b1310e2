import {
  Alert,
  Button,
  Fieldset,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { CompanySettings } from '@vmsp/contracts';
import { formatInvoiceNumber, numberPatternProblem } from '@vmsp/domain';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { CountrySelect } from '../../app/ui/country-select.tsx';
import { useUnsavedChanges } from '../../app/unsaved-changes.tsx';
import { useSaveCompanySettings } from './company-settings-api.ts';
import {
  basisPointsOf,
  type CompanyFormField,
  type CompanySettingsValues,
  companyFormFields,
  formFieldOf,
  paymentTermOf,
  requestFrom,
  valuesFrom,
} from './company-settings-values.ts';
import { LogoField } from './logo-field.tsx';
import './texts.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The form field a refused save names, if it is one of this form's. */
function refusedField(error: unknown): CompanyFormField | null {
  if (!isApiError(error)) return null;
  const field = formFieldOf(error.field);
  return companyFormFields.find((known) => known === field) ?? null;
}

/**
 * Settings → Company: every field of the invoice issuer. Fields may stay empty (the page can be saved half done,
 * invoicing then stays off), but what is entered must be valid; the server's refusal is shown at its field.
 */
export function CompanySettingsForm({ settings }: { settings: CompanySettings }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const save = useSaveCompanySettings();
  const form = useForm<CompanySettingsValues>({
    initialValues: valuesFrom(settings),
    // Save stays disabled while a field is invalid: each field says why as soon as it is left.
    validateInputOnBlur: true,
    validate: {
      vatRatePercent: (value) =>
        basisPointsOf(value) === null ? t('companySettings.validation.percent') : null,
      paymentTermDays: (value) =>
        paymentTermOf(value) === null ? t('companySettings.validation.days') : null,
      email: (value) =>
        value.trim() !== '' && !EMAIL.test(value.trim()) ? t('companySettings.validation.email') : null,
      numberPattern: (value) => {
        const problem = numberPatternProblem(value.trim());
        return problem === null ? null : t(`companySettings.numberPatternProblems.${problem}`);
      },
    },
  });

  const dirty = form.isDirty();
  const leavePrompt = useUnsavedChanges(dirty);

  const submit = form.onSubmit((values) =>
    save.mutate(requestFrom(values), {
      onSuccess: (saved) => {
        form.setValues(valuesFrom(saved.settings));
        form.resetDirty(valuesFrom(saved.settings));
        notifications.show({ color: 'green', message: t('companySettings.saved') });
      },
      onError: (error) => {
        const field = refusedField(error);
        if (field) form.setFieldError(field, message(error));
      },
    }),
  );

  const pattern = form.values.numberPattern.trim();
  const year = new Date().getFullYear();
  const example =
    numberPatternProblem(pattern) === null
      ? t('companySettings.numberPatternExample', { year, example: formatInvoiceNumber(pattern, year, 1) })
      : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {save.isError && refusedField(save.error) === null && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {message(save.error)}
          </Alert>
        )}
        <Fieldset legend={t('companySettings.sections.issuer')}>
          <Stack>
            <TextInput
              label={t('companySettings.fields.companyName')}
              withAsterisk
              autoComplete="organization"
              {...form.getInputProps('companyName')}
            />
            <TextInput
              label={t('companySettings.fields.street')}
              withAsterisk
              autoComplete="street-address"
              {...form.getInputProps('street')}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('companySettings.fields.postalCode')}
                withAsterisk
                autoComplete="postal-code"
                {...form.getInputProps('postalCode')}
              />
              <TextInput
                label={t('companySettings.fields.city')}
                withAsterisk
                autoComplete="address-level2"
                {...form.getInputProps('city')}
              />
              <CountrySelect
                label={t('companySettings.fields.country')}
                withAsterisk
                value={form.values.country === '' ? null : form.values.country}
                onChange={(value) => form.setFieldValue('country', value ?? '')}
                error={form.errors.country}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('companySettings.sections.tax')}>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('companySettings.vatIdRequired')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('companySettings.fields.vatId')}
                spellCheck={false}
                {...form.getInputProps('vatId')}
              />
              <TextInput
                label={t('companySettings.fields.taxNumber')}
                spellCheck={false}
                {...form.getInputProps('taxNumber')}
              />
            </SimpleGrid>
            <NumberInput
              label={t('companySettings.fields.standardVatRateBasisPoints')}
              description={t('companySettings.vatRateHint')}
              withAsterisk
              maw={240}
              min={0}
              max={100}
              decimalScale={2}
              allowNegative={false}
              hideControls
              rightSection={<Text size="sm">{t('companySettings.percent')}</Text>}
              {...form.getInputProps('vatRatePercent')}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('companySettings.sections.contact')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('companySettings.fields.email')}
              description={t('companySettings.emailHint')}
              withAsterisk
              type="email"
              autoComplete="email"
              {...form.getInputProps('email')}
            />
            <TextInput
              label={t('companySettings.fields.phone')}
              type="tel"
              autoComplete="tel"
              {...form.getInputProps('phone')}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('companySettings.sections.bank')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('companySettings.fields.iban')}
              withAsterisk
              spellCheck={false}
              {...form.getInputProps('iban')}
            />
            <TextInput
              label={t('companySettings.fields.bic')}
              withAsterisk
              spellCheck={false}
              {...form.getInputProps('bic')}
            />
            <TextInput
              label={t('companySettings.fields.bankName')}
              withAsterisk
              {...form.getInputProps('bankName')}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('companySettings.sections.invoices')}>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput
                label={t('companySettings.fields.paymentTermDays')}
                description={t('companySettings.paymentTermHint')}
                withAsterisk
                min={0}
                max={365}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                rightSection={<Text size="sm">{t('companySettings.days')}</Text>}
                rightSectionWidth={56}
                {...form.getInputProps('paymentTermDays')}
              />
              <TextInput
                label={t('companySettings.fields.numberPattern')}
                description={t('companySettings.numberPatternHint')}
                withAsterisk
                spellCheck={false}
                autoComplete="off"
                {...form.getInputProps('numberPattern')}
              />
            </SimpleGrid>
            {example && (
              <Text size="sm" aria-live="polite">
                {example}
              </Text>
            )}
            <Textarea
              label={t('companySettings.fields.footer')}
              description={t('companySettings.footerHint')}
              autosize
              minRows={2}
              maxRows={6}
              {...form.getInputProps('footer')}
            />
            <LogoField
              value={form.values.logoDataUrl}
              onChange={(dataUrl) => {
                form.setFieldValue('logoDataUrl', dataUrl);
                form.clearFieldError('logoDataUrl');
              }}
              error={form.errors.logoDataUrl}
            />
          </Stack>
        </Fieldset>

        <Group>
          <Button type="submit" disabled={!dirty || !form.isValid()} loading={save.isPending}>
            {t('companySettings.save')}
          </Button>
        </Group>
      </Stack>
      {leavePrompt}
    </form>
  );
}

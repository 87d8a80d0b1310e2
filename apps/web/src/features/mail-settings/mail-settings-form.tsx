import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { MailSettings } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { PasswordField } from '../../app/ui/password-field.tsx';
import { useUnsavedChanges } from '../../app/unsaved-changes.tsx';
import { useSaveMailSettings } from './mail-settings-api.ts';
import {
  formFields,
  isValidPort,
  type MailSettingsValues,
  requestFrom,
  valuesFrom,
} from './mail-settings-values.ts';

export function MailSettingsForm({ settings }: { settings: MailSettings }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const save = useSaveMailSettings();
  const form = useForm<MailSettingsValues>({
    initialValues: valuesFrom(settings),
    // Save stays disabled while a field is invalid: each field says why as soon as it is left.
    validateInputOnBlur: true,
    validate: {
      port: (port, values) =>
        values.transport === 'smtp' && !isValidPort(port) ? t('mailSettings.portInvalid') : null,
    },
  });
  const { transport, removePassword } = form.values;
  const dirty = form.isDirty();
  const leavePrompt = useUnsavedChanges(dirty);

  const submit = form.onSubmit((values) =>
    save.mutate(requestFrom(values), {
      onSuccess: (saved) => {
        form.setValues(valuesFrom(saved));
        form.resetDirty(valuesFrom(saved));
        notifications.show({ color: 'green', message: t('mailSettings.saved') });
      },
      onError: (error) => {
        const field = fieldOf(error, formFields);
        if (field) form.setFieldError(field, message(error));
      },
    }),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {save.isError && fieldOf(save.error, formFields) === null && (
          <Alert color="red" icon={<IconAlertTriangle />}>
            {message(save.error)}
          </Alert>
        )}
        <Radio.Group label={t('mailSettings.transport')} {...form.getInputProps('transport')}>
          <Stack gap="xs" mt="xs">
            <Radio
              value="none"
              label={t('mailSettings.transportNone')}
              description={t('mailSettings.transportNoneHint')}
            />
            <Radio
              value="smtp"
              label={t('mailSettings.transportSmtp')}
              description={t('mailSettings.transportSmtpHint')}
            />
            <Radio
              value="log"
              label={t('mailSettings.transportLog')}
              description={t('mailSettings.transportLogHint')}
            />
          </Stack>
        </Radio.Group>
        {transport === 'smtp' && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('mailSettings.host')} {...form.getInputProps('host')} />
              <NumberInput
                label={t('mailSettings.port')}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                {...form.getInputProps('port')}
              />
              <NativeSelect
                label={t('mailSettings.encryption')}
                data={[
                  { value: 'none', label: t('mailSettings.encryptionNone') },
                  { value: 'starttls', label: t('mailSettings.encryptionStarttls') },
                  { value: 'tls', label: t('mailSettings.encryptionTls') },
                ]}
                {...form.getInputProps('encryption')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('mailSettings.username')}
                autoComplete="off"
                {...form.getInputProps('username')}
              />
              <Stack gap="xs">
                <PasswordField
                  label={t('mailSettings.password')}
                  autoComplete="new-password"
                  description={
                    settings.passwordSet ? t('mailSettings.passwordStored') : t('mailSettings.passwordNone')
                  }
                  placeholder={settings.passwordSet ? '••••••••' : undefined}
                  disabled={removePassword}
                  {...form.getInputProps('password')}
                />
                {settings.passwordSet && (
                  <Checkbox
                    label={t('mailSettings.removePassword')}
                    {...form.getInputProps('removePassword', { type: 'checkbox' })}
                  />
                )}
              </Stack>
            </SimpleGrid>
          </>
        )}
        {transport !== 'none' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('mailSettings.fromAddress')}
              type="email"
              {...form.getInputProps('fromAddress')}
            />
            <TextInput label={t('mailSettings.fromName')} {...form.getInputProps('fromName')} />
          </SimpleGrid>
        )}
        <Group>
          <Button type="submit" disabled={!dirty || !form.isValid()} loading={save.isPending}>
            {t('mailSettings.save')}
          </Button>
        </Group>
      </Stack>
      {leavePrompt}
    </form>
  );
}

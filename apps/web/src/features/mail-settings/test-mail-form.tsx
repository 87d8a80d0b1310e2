import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { MailTransport } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { useCurrentUser } from '../../app/shell/current-user.tsx';
import { useSendTestMail } from './mail-settings-api.ts';

const fields = ['to'] as const;

/** Sends a test mail through the saved settings and shows the mail server's answer as it is. */
export function TestMailForm({ transport }: { transport: MailTransport }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const user = useCurrentUser();
  const send = useSendTestMail();
  const form = useForm({ initialValues: { to: user.email } });

  const submit = form.onSubmit((values) =>
    send.mutate(values, {
      onError: (error) => {
        const field = fieldOf(error, fields);
        if (field) form.setFieldError(field, message(error));
      },
    }),
  );
  const sentTo = send.variables?.to ?? '';

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={3}>{t('testMail.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('testMail.intro')}
        </Text>
        <Group align="flex-end">
          <TextInput label={t('testMail.to')} type="email" miw={280} {...form.getInputProps('to')} />
          <Button type="submit" variant="light" loading={send.isPending}>
            {t('testMail.submit')}
          </Button>
        </Group>
        {send.data?.ok && (
          <Alert color="green" icon={<IconCircleCheck />}>
            {transport === 'log'
              ? t('testMail.sentLogOnly', { to: sentTo })
              : t('testMail.sent', { to: sentTo })}
          </Alert>
        )}
        {send.data && !send.data.ok && (
          <Alert color="red" icon={<IconAlertTriangle />} title={t('testMail.failedTitle')}>
            <Text size="sm" ff="monospace" style={{ whiteSpace: 'pre-wrap' }}>
              {send.data.error}
            </Text>
          </Alert>
        )}
        {send.isError && fieldOf(send.error, fields) === null && (
          <Alert color="red" icon={<IconAlertTriangle />}>
            {message(send.error)}
          </Alert>
        )}
      </Stack>
    </form>
  );
}

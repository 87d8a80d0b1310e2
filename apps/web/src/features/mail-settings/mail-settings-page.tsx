import { Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useMailSettings } from './mail-settings-api.ts';
import { MailSettingsForm } from './mail-settings-form.tsx';
import { NotificationAddressForm } from './notification-address-form.tsx';
import { TestMailForm } from './test-mail-form.tsx';

/** the mail server settings and the test mail. */
export default function MailSettingsPage() {
  const { t } = useTranslation();
  const settings = useMailSettings();
  return (
    <Stack maw={860}>
      <Title order={2}>{t('mailSettings.title')}</Title>
      {settings.isPending && <PageLoader />}
      {settings.isError && <LoadError error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && (
        <>
          <Paper withBorder p="lg">
            <MailSettingsForm settings={settings.data} />
          </Paper>
          <Paper withBorder p="lg">
            <TestMailForm transport={settings.data.transport} />
          </Paper>
          <Paper withBorder p="lg">
            <NotificationAddressForm />
          </Paper>
        </>
      )}
    </Stack>
  );
}

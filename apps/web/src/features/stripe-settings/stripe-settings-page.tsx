import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { StripeAccount } from './stripe-account.tsx';
import { useStripeSettings } from './stripe-settings-api.ts';
import { StripeSettingsForm } from './stripe-settings-form.tsx';

/** Settings → Stripe: the keys card payments run with, and where Stripe sends its webhooks. */
export default function StripeSettingsPage() {
  const { t } = useTranslation();
  const settings = useStripeSettings();
  return (
    <Stack maw={860}>
      <Title order={2}>{t('payments.stripe.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('payments.stripe.intro')}
      </Text>
      {settings.isPending && <PageLoader />}
      {settings.isError && <LoadError error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && (
        <>
          <Paper withBorder p="lg">
            <StripeSettingsForm settings={settings.data} />
          </Paper>
          <Paper withBorder p="lg">
            <StripeAccount settings={settings.data} />
          </Paper>
        </>
      )}
    </Stack>
  );
}

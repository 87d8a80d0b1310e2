import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { StripeAccount } from './stripe-account.tsx';
import { useStripeSettings } from './stripe-settings-api.ts';
import { StripeSettingsForm } from './stripe-settings-form.tsx';

/**
 * The Stripe keys form and what Stripe said about them: the same at Settings → Stripe and behind Payment Methods'
 * `Configure` on the Credit Card row, where the manual (3.6.2) enters them.
 */
export function StripeSettingsPanel({ onSaved }: { onSaved?: () => void }) {
  const { t } = useTranslation();
  const settings = useStripeSettings();
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('payments.stripe.intro')}
      </Text>
      {settings.isPending && <PageLoader />}
      {settings.isError && <LoadError error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && (
        <>
          <Paper withBorder p="lg">
            <StripeSettingsForm settings={settings.data} {...(onSaved ? { onSaved } : {})} />
          </Paper>
          <Paper withBorder p="lg">
            <StripeAccount settings={settings.data} />
          </Paper>
        </>
      )}
    </Stack>
  );
}

import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { StripeSettingsPanel } from './stripe-settings-panel.tsx';

/** Settings → Stripe: the keys card payments run with, and where Stripe sends its webhooks. */
export default function StripeSettingsPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={860}>
      <Title order={2}>{t('payments.stripe.title')}</Title>
      <StripeSettingsPanel />
    </Stack>
  );
}

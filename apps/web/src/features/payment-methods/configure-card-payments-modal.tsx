import { Modal } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { StripeSettingsPanel } from '../stripe-settings/stripe-settings-panel.tsx';
import '../stripe-settings/texts.ts';

/** `Configure` on the Credit Card row: Settings → Stripe's own form, closed once the keys are checked and stored. */
export function ConfigureCardPaymentsModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const method = t('customers.paymentMethod.credit-card');
  return (
    <Modal opened onClose={onClose} size="lg" title={t('stripeKeys.modalTitle', { method })}>
      <StripeSettingsPanel onSaved={onClose} />
    </Modal>
  );
}

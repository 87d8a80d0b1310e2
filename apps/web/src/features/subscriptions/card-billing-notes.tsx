import { Alert, Loader } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import type { CardBillingView } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';

/** What Stripe Checkout sent the customer back with: `?checkout=success` or `?checkout=cancelled`. */
export type CheckoutReturn = 'success' | 'cancelled' | null;

export function checkoutReturnOf(params: URLSearchParams): CheckoutReturn {
  const value = params.get('checkout');
  return value === 'success' || value === 'cancelled' ? value : null;
}

/**
 * The card payment's state in the portal: a failed payment with Stripe's reason, and after Stripe
 * Checkout whether the confirmation (Stripe's webhook) is still awaited, arrived, or the checkout was cancelled.
 */
export function CardBillingNotes({
  card,
  checkout,
  onDismiss,
}: {
  card: CardBillingView | null;
  checkout: CheckoutReturn;
  /** Forgets the checkout's return (removes it from the address). */
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const failed = card !== null && (card.lastPaymentError !== null || card.status === 'past-due');
  return (
    <>
      {failed && (
        <Alert color="red" icon={<IconAlertTriangle />} role="alert">
          {card.lastPaymentError === null
            ? t('payments.portal.paymentFailedNoReason')
            : t('payments.portal.paymentFailed', { error: card.lastPaymentError })}
        </Alert>
      )}
      {checkout === 'success' && card?.status === 'checkout-pending' && (
        <Alert color="blue" icon={<Loader size={16} />} role="status">
          {t('payments.portal.waiting')}
        </Alert>
      )}
      {checkout === 'success' && card !== null && card.status === 'active' && !failed && (
        <Alert
          color="green"
          icon={<IconCircleCheck />}
          role="status"
          withCloseButton
          closeButtonLabel={t('payments.portal.dismiss')}
          onClose={onDismiss}
        >
          {t('payments.portal.confirmed')}
        </Alert>
      )}
      {checkout === 'cancelled' && (
        <Alert
          color="yellow"
          icon={<IconInfoCircle />}
          role="status"
          withCloseButton
          closeButtonLabel={t('payments.portal.dismiss')}
          onClose={onDismiss}
        >
          {t('payments.portal.cancelled')}
        </Alert>
      )}
    </>
  );
}

import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { PaymentMethodRow } from '@vmsp/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { ConfigureCardPaymentsModal } from './configure-card-payments-modal.tsx';
import { DeactivatePaymentMethodModal } from './deactivate-payment-method-modal.tsx';
import { usePaymentMethods, useSetPaymentMethodActive } from './payment-methods-api.ts';
import { PaymentMethodsTable, stripeSettingsPath } from './payment-methods-table.tsx';

/**
 * `Payment Methods`: which methods customers may choose for new subscriptions and changes.
 * Activating is one click; deactivating asks first and says that running subscriptions keep the method.
 */
export default function PaymentMethodsPage() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const methods = usePaymentMethods();
  const setActive = useSetPaymentMethodActive();
  const [deactivating, setDeactivating] = useState<PaymentMethodRow | null>(null);
  const [configuring, setConfiguring] = useState(false);

  const activate = (row: PaymentMethodRow) =>
    setActive.mutate(
      { method: row.method, active: true },
      {
        onSuccess: () =>
          notifications.show({
            color: 'green',
            message: t('payments.methods.activated', { method: t(`customers.paymentMethod.${row.method}`) }),
          }),
      },
    );

  return (
    <Stack maw={1100}>
      <Title order={2}>{t('payments.methods.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('payments.methods.intro')}
      </Text>
      {/* A refused deactivation is shown in its dialog; a refused activation here. */}
      {setActive.isError && setActive.variables?.active === true && (
        <Alert color="red" icon={<IconAlertTriangle />} role="alert">
          {message(setActive.error)}
          {isApiError(setActive.error, 'STRIPE_NOT_CONFIGURED') && (
            <>
              {' '}
              <Anchor component={Link} to={stripeSettingsPath} size="sm">
                {t('payments.methods.toStripe')}
              </Anchor>
            </>
          )}
        </Alert>
      )}
      {methods.isPending && <PageLoader />}
      {methods.isError && <LoadError error={methods.error} onRetry={() => void methods.refetch()} />}
      {methods.data && (
        <PaymentMethodsTable
          methods={methods.data.methods}
          busyMethod={setActive.isPending ? (setActive.variables?.method ?? null) : null}
          onActivate={activate}
          onDeactivate={(row) => {
            setActive.reset();
            setDeactivating(row);
          }}
          onConfigure={() => setConfiguring(true)}
        />
      )}
      {deactivating && (
        <DeactivatePaymentMethodModal row={deactivating} onClose={() => setDeactivating(null)} />
      )}
      {configuring && <ConfigureCardPaymentsModal onClose={() => setConfiguring(false)} />}
    </Stack>
  );
}

import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import type { PaymentMethodRow } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { useSetPaymentMethodActive } from './payment-methods-api.ts';

/** Asks before deactivating: new subscriptions can no longer choose the method, running ones keep it. */
export function DeactivatePaymentMethodModal({
  row,
  onClose,
}: {
  row: PaymentMethodRow;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const setActive = useSetPaymentMethodActive();
  const method = t(`customers.paymentMethod.${row.method}`);

  const confirm = () =>
    setActive.mutate(
      { method: row.method, active: false },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('payments.methods.deactivated', { method }) });
          onClose();
        },
      },
    );

  return (
    <Modal opened onClose={onClose} title={t('payments.methods.deactivateTitle', { method })}>
      <Stack>
        <Text>{t('payments.methods.deactivateText', { method })}</Text>
        <Alert color="blue" icon={<IconInfoCircle />} role="note">
          {t('payments.methods.runningKeep', { count: row.runningSubscriptions })}
        </Alert>
        {setActive.isError && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {message(setActive.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={setActive.isPending} onClick={confirm}>
            {t('payments.methods.deactivate')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

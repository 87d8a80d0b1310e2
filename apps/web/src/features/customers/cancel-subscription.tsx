import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { CustomerDetails } from '@vmsp/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { useCancelSubscription } from './customers-api.ts';

/**
 * `Cancel Active Subscription` (R-3.5, seed §3.2.4) with its confirmation, offered while a subscription runs.
 * It ends the subscription now; the current billing month is still billed and nothing is refunded (R-3.5
 * decision), which the dialog says. The dialog outlives the button: a successful cancel removes the button,
 * and the dialog must still be there to tell so and close.
 */
export function CancelSubscription({ details }: { details: CustomerDetails }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      {details.subscriptions.current && (
        <Stack gap="xs" align="flex-start">
          <Button color="red" variant="light" onClick={() => setConfirming(true)}>
            {t('subscriptions.cancel.button')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('subscriptions.cancel.billingNote')}
          </Text>
        </Stack>
      )}
      {confirming && <CancelSubscriptionModal details={details} onClose={() => setConfirming(false)} />}
    </>
  );
}

function CancelSubscriptionModal({ details, onClose }: { details: CustomerDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const cancel = useCancelSubscription();
  const confirm = () =>
    cancel.mutate(
      { id: details.id, version: details.version },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'green',
            message: t('subscriptions.cancel.done', { company: saved.companyName }),
          });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={t('subscriptions.cancel.title')}>
      <Stack>
        <Text>{t('subscriptions.cancel.text', { company: details.companyName })}</Text>
        <Alert color="orange" icon={<IconAlertTriangle />} role="note">
          {t('subscriptions.cancel.billingNote')}
          {details.subscriptions.pending && ` ${t('subscriptions.cancel.dropsPending')}`}
        </Alert>
        {cancel.isError && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {isApiError(cancel.error, 'CONFLICT') ? t('subscriptions.conflict') : message(cancel.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('subscriptions.cancel.keep')}
          </Button>
          <Button color="red" loading={cancel.isPending} onClick={confirm}>
            {t('subscriptions.cancel.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

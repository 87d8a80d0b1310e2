import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { CustomerRow } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { useResendInvitation } from './customers-api.ts';

/** `Resend Invitation`: a new link goes out, the old one dies. */
export function ResendInvitationModal({ customer, onClose }: { customer: CustomerRow; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const resend = useResendInvitation();
  const confirm = () =>
    resend.mutate(customer.id, {
      onSuccess: () => {
        notifications.show({
          color: 'green',
          message: t('customers.resend.sent', { email: customer.contactEmail }),
        });
        onClose();
      },
    });
  return (
    <Modal opened onClose={onClose} title={t('customers.resend.title')}>
      <Stack>
        <Text>
          {t('customers.resend.text', { email: customer.contactEmail, company: customer.companyName })}
        </Text>
        {resend.isError && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {message(resend.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={resend.isPending} onClick={confirm} data-autofocus>
            {t('customers.resend.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

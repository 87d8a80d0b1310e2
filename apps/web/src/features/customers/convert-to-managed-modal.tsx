import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { CustomerRow } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { useConvertToManaged } from './customers-api.ts';

/** `Convert to Managed Customer` (R-3.3, seed §3.2.1): irreversible, so it says so and asks for `Confirm`. */
export function ConvertToManagedModal({ customer, onClose }: { customer: CustomerRow; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const convert = useConvertToManaged();
  const confirm = () =>
    convert.mutate(
      { id: customer.id, version: customer.version },
      {
        onSuccess: () => {
          notifications.show({
            color: 'green',
            message: t('customers.convert.done', { company: customer.companyName }),
          });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={t('customers.convert.title')}>
      <Stack>
        <Text>{t('customers.convert.text', { company: customer.companyName })}</Text>
        <Alert color="orange" icon={<IconAlertTriangle />}>
          {t('customers.convert.warning')}
        </Alert>
        {convert.isError && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {message(convert.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="orange" loading={convert.isPending} onClick={confirm}>
            {t('customers.convert.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Admin } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { useRemoveAdmin } from './admins-api.ts';

/** Asks before removing; shows the server's refusal (last admin, oneself) in the dialog. */
export function RemoveAdminModal({ admin, onClose }: { admin: Admin; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const remove = useRemoveAdmin();

  const confirm = () =>
    remove.mutate(admin.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('admins.removed', { email: admin.email }) });
        onClose();
      },
    });

  return (
    <Modal opened onClose={onClose} title={t('admins.removeTitle')}>
      <Stack>
        <Text>{t('admins.removeConfirm', { email: admin.email })}</Text>
        {remove.isError && (
          <Alert color="red" icon={<IconAlertTriangle />}>
            {message(remove.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={confirm}>
            {t('admins.remove')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

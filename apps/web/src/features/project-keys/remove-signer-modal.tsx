import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ProjectKeySigner } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { useRemoveProjectKeySigner } from './project-keys-api.ts';

/** Asks before removing a signer: its keys can no longer be redeemed; redeemed ones stay. */
export function RemoveSignerModal({ signer, onClose }: { signer: ProjectKeySigner; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const remove = useRemoveProjectKeySigner();
  const confirm = () =>
    remove.mutate(signer.kid, {
      onSuccess: () => {
        notifications.show({
          color: 'green',
          message: t('payments.projectKeys.removed', { label: signer.label }),
        });
        onClose();
      },
    });
  return (
    <Modal opened onClose={onClose} title={t('payments.projectKeys.removeTitle')}>
      <Stack>
        <Text>{t('payments.projectKeys.removeText', { label: signer.label, kid: signer.kid })}</Text>
        {remove.isError && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {message(remove.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={confirm}>
            {t('payments.projectKeys.remove')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TeamMember } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { useHandOverMainUser, useRemoveMember, useWithdrawInvitation } from './team-api.ts';

/** A team change that asks first. */
export interface Confirmation {
  kind: 'remove' | 'withdraw' | 'handOver';
  member: TeamMember;
}

/** Asks before removing a member, withdrawing an invitation or handing over the role; shows a refusal inside. */
export function ConfirmMemberModal({
  confirmation: { kind, member },
  onClose,
}: {
  confirmation: Confirmation;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const remove = useRemoveMember();
  const withdraw = useWithdrawInvitation();
  const handOver = useHandOverMainUser();
  const mutation = { remove, withdraw, handOver }[kind];
  const email = member.email;

  const confirm = () =>
    mutation.mutate(member.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t(`team.confirm.${kind}.done`, { email }) });
        onClose();
      },
    });

  return (
    <Modal opened onClose={onClose} title={t(`team.confirm.${kind}.title`)}>
      <Stack>
        <Text>{t(`team.confirm.${kind}.text`, { email })}</Text>
        {mutation.isError && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {message(mutation.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={kind === 'handOver' ? undefined : 'red'}
            loading={mutation.isPending}
            onClick={confirm}
          >
            {t(`team.confirm.${kind}.submit`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { useInviteAdmin } from './admins-api.ts';
import { InviteResult } from './invite-result.tsx';

const fields = ['email'] as const;

export function InviteAdminModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const invite = useInviteAdmin();
  const form = useForm({ initialValues: { email: '' } });

  const submit = form.onSubmit((values) =>
    invite.mutate(values, {
      onSuccess: ({ admin }) =>
        notifications.show({ color: 'green', message: t('admins.invited', { email: admin.email }) }),
      onError: (error) => {
        const field = fieldOf(error, fields);
        if (field) form.setFieldError(field, message(error));
      },
    }),
  );

  return (
    <Modal opened onClose={onClose} title={t('admins.inviteTitle')} size="lg">
      {invite.data ? (
        <InviteResult result={invite.data} onDone={onClose} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {invite.isError && fieldOf(invite.error, fields) === null && (
              <Alert color="red" icon={<IconAlertTriangle />}>
                {message(invite.error)}
              </Alert>
            )}
            <TextInput
              label={t('admins.inviteEmail')}
              type="email"
              data-autofocus
              {...form.getInputProps('email')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={invite.isPending}>
                {t('admins.inviteSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

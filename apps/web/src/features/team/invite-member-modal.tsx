import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { currentLocale } from '../../app/i18n/index.ts';
import { useInviteMember } from './team-api.ts';

const fields = ['email'] as const;

/** `+ New Invite`: the address of the new member; the invitation mail goes out in the inviter's language. */
export function InviteMemberModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const invite = useInviteMember();
  const form = useForm({ initialValues: { email: '' } });

  const submit = form.onSubmit((values) =>
    invite.mutate(
      { email: values.email, locale: currentLocale() },
      {
        onSuccess: (member) => {
          notifications.show({ color: 'green', message: t('team.invite.sent', { email: member.email }) });
          onClose();
        },
        onError: (error) => {
          const field = fieldOf(error, fields);
          if (field) form.setFieldError(field, message(error));
        },
      },
    ),
  );

  return (
    <Modal opened onClose={onClose} title={t('team.invite.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {invite.isError && fieldOf(invite.error, fields) === null && (
            <Alert color="red" icon={<IconAlertTriangle />} role="alert">
              {message(invite.error)}
            </Alert>
          )}
          <TextInput
            label={t('team.invite.email')}
            type="email"
            autoComplete="off"
            data-autofocus
            {...form.getInputProps('email')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending}>
              {t('team.invite.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

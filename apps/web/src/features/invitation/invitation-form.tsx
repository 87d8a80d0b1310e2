import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { InvitationInfo } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { InvalidLink } from '../../app/ui/invalid-link.tsx';
import { NewPasswordFields } from '../../app/ui/new-password-fields.tsx';
import { homePathFor } from '../auth/session-api.ts';
import type { InvitationKind } from './invitation-kind.ts';

const fields = ['password', 'passwordConfirmation'] as const;

/** The invited user chooses a password, is registered and signed in. */
export function InvitationForm({
  kind,
  token,
  info,
}: {
  kind: InvitationKind;
  token: string;
  info: InvitationInfo;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const navigate = useNavigate();
  const accept = kind.useAccept();
  const { texts } = kind;
  const form = useForm({ initialValues: { password: '', passwordConfirmation: '' } });

  if (isApiError(accept.error, 'TOKEN_INVALID')) return <InvalidLink text={t(`${texts}.invalidText`)} />;

  const submit = form.onSubmit((values) =>
    accept.mutate(
      { token, ...values },
      {
        onSuccess: ({ user }) => {
          notifications.show({ color: 'green', message: t(`${texts}.done`) });
          navigate(homePathFor(user.role), { replace: true });
        },
        onError: (error) => {
          const field = fieldOf(error, fields);
          if (field) form.setFieldError(field, message(error));
        },
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2}>{t(`${texts}.title`)}</Title>
        <Text size="sm">{t(`${texts}.intro`, { email: info.email, companyName: info.companyName })}</Text>
        {accept.isError && fieldOf(accept.error, fields) === null && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {message(accept.error)}
          </Alert>
        )}
        {/* Read-only, so that a password manager stores the new password under the right user name. */}
        <TextInput
          label={t(`${texts}.email`)}
          value={info.email}
          autoComplete="username"
          readOnly
          variant="filled"
        />
        <NewPasswordFields
          password={form.getInputProps('password')}
          confirmation={form.getInputProps('passwordConfirmation')}
          userInputs={[info.email, info.companyName]}
        />
        <Button type="submit" loading={accept.isPending}>
          {t(`${texts}.submit`)}
        </Button>
      </Stack>
    </form>
  );
}

import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { SetupTokenInfo } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { InvalidLink } from '../../app/ui/invalid-link.tsx';
import { NewPasswordFields } from '../../app/ui/new-password-fields.tsx';
import { homePathFor } from '../auth/session-api.ts';
import { useCompleteSetup } from './setup-api.ts';

const fields = ['email', 'password', 'passwordConfirmation'] as const;

export function SetupForm({ token, info }: { token: string; info: SetupTokenInfo }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const navigate = useNavigate();
  const complete = useCompleteSetup();
  const form = useForm({
    initialValues: { email: info.email ?? '', password: '', passwordConfirmation: '' },
  });

  if (isApiError(complete.error, 'TOKEN_INVALID')) return <InvalidLink text={t('setup.invalidText')} />;

  const fixedEmail = info.email !== null;
  const submit = form.onSubmit((values) =>
    complete.mutate(
      {
        token,
        password: values.password,
        passwordConfirmation: values.passwordConfirmation,
        ...(fixedEmail ? {} : { email: values.email }),
      },
      {
        onSuccess: ({ user }) => {
          notifications.show({ color: 'green', message: t('setup.created') });
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
        <Title order={2}>{fixedEmail ? t('setup.titleInvite') : t('setup.titleFirstAdmin')}</Title>
        <Text size="sm">{fixedEmail ? t('setup.introInvite') : t('setup.introFirstAdmin')}</Text>
        {complete.isError && fieldOf(complete.error, fields) === null && (
          <Alert color="red" icon={<IconAlertTriangle />}>
            {message(complete.error)}
          </Alert>
        )}
        {fixedEmail ? (
          <TextInput label={t('setup.email')} value={info.email ?? ''} readOnly variant="filled" />
        ) : (
          <TextInput
            label={t('setup.email')}
            type="email"
            autoComplete="username"
            {...form.getInputProps('email')}
          />
        )}
        <NewPasswordFields
          password={form.getInputProps('password')}
          confirmation={form.getInputProps('passwordConfirmation')}
          userInputs={[form.values.email]}
        />
        <Button type="submit" loading={complete.isPending}>
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}

import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { PublicLayout } from '../../app/shell/public-layout.tsx';
import { InvalidLink } from '../../app/ui/invalid-link.tsx';
import { LoadError } from '../../app/ui/load-error.tsx';
import { NewPasswordFields } from '../../app/ui/new-password-fields.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useResetLink, useResetPassword } from './password-reset-api.ts';

const fields = ['password', 'passwordConfirmation'] as const;

/** `/reset-password?token=…`: the mailed link; a new password ends every session of the user. */
export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const link = useResetLink(token);

  let content: ReactNode;
  if (token === '' || isApiError(link.error, 'TOKEN_INVALID')) {
    content = <InvalidLink text={t('passwordReset.invalidText')} />;
  } else if (link.isPending) {
    content = <PageLoader />;
  } else if (link.isError) {
    content = <LoadError error={link.error} onRetry={() => void link.refetch()} />;
  } else {
    content = <ResetPasswordForm token={token} email={link.data.email} />;
  }
  return <PublicLayout>{content}</PublicLayout>;
}

function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const reset = useResetPassword();
  const form = useForm({ initialValues: { password: '', passwordConfirmation: '' } });

  if (isApiError(reset.error, 'TOKEN_INVALID')) return <InvalidLink text={t('passwordReset.invalidText')} />;
  if (reset.isSuccess) {
    return (
      <Stack>
        <Title order={2}>{t('passwordReset.doneTitle')}</Title>
        <Alert color="green" icon={<IconCircleCheck />}>
          {t('passwordReset.doneText')}
        </Alert>
        <Button component={Link} to="/sign-in">
          {t('passwordReset.toSignIn')}
        </Button>
      </Stack>
    );
  }

  const submit = form.onSubmit((values) =>
    reset.mutate(
      { token, ...values },
      {
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
        <Title order={2}>{t('passwordReset.resetTitle')}</Title>
        <Text size="sm">{t('passwordReset.resetIntro')}</Text>
        {reset.isError && fieldOf(reset.error, fields) === null && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {message(reset.error)}
          </Alert>
        )}
        {/* Read-only, so that a password manager stores the new password under the right user name. */}
        <TextInput
          label={t('passwordReset.email')}
          value={email}
          autoComplete="username"
          readOnly
          variant="filled"
        />
        <NewPasswordFields
          password={form.getInputProps('password')}
          confirmation={form.getInputProps('passwordConfirmation')}
          userInputs={[email]}
        />
        <Button type="submit" loading={reset.isPending}>
          {t('passwordReset.submit')}
        </Button>
      </Stack>
    </form>
  );
}

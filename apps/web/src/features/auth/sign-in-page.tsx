import { Alert, Anchor, Button, Stack, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { PublicLayout } from '../../app/shell/public-layout.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { PasswordField } from '../../app/ui/password-field.tsx';
import { useSignUpStatus } from '../sign-up/sign-up-status.ts';
import { homePathFor, useSession, useSignIn } from './session-api.ts';

const fields = ['email', 'password'] as const;
type Field = (typeof fields)[number];

/**
 * The two fields' values and errors; an error goes when its field changes. Plain state rather than
 * @mantine/form: sign-in is the first page most visits load, and the form library is not needed for two fields.
 */
function useSignInForm() {
  const [values, setValues] = useState<Record<Field, string>>({ email: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const inputProps = (field: Field) => ({
    value: values[field],
    error: errors[field],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [field]: value }));
      setErrors(({ [field]: _cleared, ...others }) => others);
    },
  });
  const setFieldError = (field: Field, message: string) =>
    setErrors((current) => ({ ...current, [field]: message }));
  return { values, inputProps, setFieldError };
}

/** Where to go after signing in: back to the page that asked for it when it belongs to the user's role. */
function targetAfterSignIn(home: string, from: unknown): string {
  return typeof from === 'string' && from.startsWith(home) ? from : home;
}

export function SignInPage() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const signIn = useSignIn();
  const signUpStatus = useSignUpStatus();
  const form = useSignInForm();
  const from: unknown = (location.state as { from?: unknown } | null)?.from;

  if (session.isPending) return <PageLoader />;
  if (session.data && signIn.isIdle) return <Navigate to={homePathFor(session.data.role)} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(form.values, {
      onSuccess: ({ user }) => navigate(targetAfterSignIn(homePathFor(user.role), from), { replace: true }),
      onError: (error) => {
        const field = fieldOf(error, fields);
        if (field) form.setFieldError(field, message(error));
      },
    });
  };

  return (
    <PublicLayout>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2}>{t('signIn.title')}</Title>
          {signIn.isError && fieldOf(signIn.error, fields) === null && (
            <Alert color="red" icon={<IconAlertTriangle />} role="alert">
              {message(signIn.error)}
            </Alert>
          )}
          <TextInput
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            {...form.inputProps('email')}
          />
          <PasswordField
            label={t('signIn.password')}
            autoComplete="current-password"
            {...form.inputProps('password')}
          />
          <Button type="submit" loading={signIn.isPending}>
            {t('signIn.submit')}
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
            {t('passwordReset.forgotLink')}
          </Anchor>
          {signUpStatus.data?.open && (
            <Anchor component={Link} to="/sign-up" size="sm" ta="center">
              {t('signUp.registerLink')}
            </Anchor>
          )}
        </Stack>
      </form>
    </PublicLayout>
  );
}

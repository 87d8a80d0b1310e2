import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconMailCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { PublicLayout } from '../../app/shell/public-layout.tsx';
import { useRequestPasswordReset } from './password-reset-api.ts';

const fields = ['email'] as const;

/** `/forgot-password`: asks for a reset link by mail. */
export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const request = useRequestPasswordReset();
  const form = useForm({ initialValues: { email: '' } });

  const submit = form.onSubmit((values) =>
    request.mutate(values, {
      onError: (error) => {
        const field = fieldOf(error, fields);
        if (field) form.setFieldError(field, message(error));
      },
    }),
  );

  const backToSignIn = (
    <Anchor component={Link} to="/sign-in" size="sm" ta="center">
      {t('passwordReset.backToSignIn')}
    </Anchor>
  );

  return (
    <PublicLayout>
      {request.isSuccess ? (
        <Stack>
          <Title order={2}>{t('passwordReset.sentTitle')}</Title>
          {/* Says nothing about whether the address has an account: the server does not reveal it either. */}
          <Alert color="green" icon={<IconMailCheck />}>
            {t('passwordReset.sentText')}
          </Alert>
          {backToSignIn}
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={2}>{t('passwordReset.forgotTitle')}</Title>
            <Text size="sm">{t('passwordReset.forgotIntro')}</Text>
            {request.isError && fieldOf(request.error, fields) === null && (
              <Alert color="red" icon={<IconAlertTriangle />} role="alert">
                {message(request.error)}
              </Alert>
            )}
            <TextInput
              label={t('passwordReset.email')}
              type="email"
              autoComplete="username"
              {...form.getInputProps('email')}
            />
            <Button type="submit" loading={request.isPending}>
              {t('passwordReset.send')}
            </Button>
            {backToSignIn}
          </Stack>
        </form>
      )}
    </PublicLayout>
  );
}

import { Alert, Anchor, Button, Checkbox, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { PublicLayout } from '../../app/shell/public-layout.tsx';
import { LoadError } from '../../app/ui/load-error.tsx';
import { NewPasswordFields } from '../../app/ui/new-password-fields.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { AddressFields, addressFieldPaths } from '../customers/address-fields.tsx';
import { useSignUp } from './sign-up-api.ts';
import { useSignUpStatus } from './sign-up-status.ts';

const fields = [
  'email',
  'companyName',
  'contactName',
  ...addressFieldPaths('address'),
  'vatId',
  'password',
  'passwordConfirmation',
  'acceptTerms',
] as const;

/** `/sign-up`: a visitor registers a self-service customer while self-registration is enabled. */
export default function SignUpPage() {
  const status = useSignUpStatus();
  const [sentTo, setSentTo] = useState<string | null>(null);

  let content: ReactNode;
  if (status.isPending) content = <PageLoader />;
  else if (status.isError) content = <LoadError error={status.error} onRetry={() => void status.refetch()} />;
  else if (!status.data.open) content = <Closed />;
  else if (sentTo) content = <CheckMail email={sentTo} />;
  else content = <SignUpForm onSent={setSentTo} />;
  return <PublicLayout>{content}</PublicLayout>;
}

function Closed() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('signUp.closedTitle')}</Title>
      <Text>{t('signUp.closedText')}</Text>
      <Anchor component={Link} to="/sign-in">
        {t('invalidLink.toSignIn')}
      </Anchor>
    </Stack>
  );
}

function CheckMail({ email }: { email: string }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('signUp.checkMailTitle')}</Title>
      <Text>{t('signUp.checkMailText', { email })}</Text>
    </Stack>
  );
}

function SignUpForm({ onSent }: { onSent: (email: string) => void }) {
  const { t, i18n } = useTranslation();
  const message = useErrorMessage();
  const signUp = useSignUp();
  const form = useForm({
    initialValues: {
      email: '',
      companyName: '',
      contactName: '',
      address: { street: '', postalCode: '', city: '', country: 'DE' },
      vatId: '',
      password: '',
      passwordConfirmation: '',
      acceptTerms: false,
    },
    validate: { acceptTerms: (accepted) => (accepted ? null : t('signUp.acceptTermsRequired')) },
  });

  const submit = form.onSubmit((values) =>
    signUp.mutate(
      {
        ...values,
        acceptTerms: true,
        vatId: values.vatId.trim() || null,
        locale: i18n.language.startsWith('de') ? 'de' : 'en',
      },
      {
        onSuccess: () => onSent(values.email.trim()),
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
        <Title order={2}>{t('signUp.title')}</Title>
        <Text size="sm">{t('signUp.intro')}</Text>
        {signUp.isError && fieldOf(signUp.error, fields) === null && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {message(signUp.error)}
          </Alert>
        )}
        <TextInput
          label={t('signUp.email')}
          type="email"
          autoComplete="username"
          {...form.getInputProps('email')}
        />
        <TextInput
          label={t('signUp.companyName')}
          autoComplete="organization"
          {...form.getInputProps('companyName')}
        />
        <TextInput
          label={t('signUp.contactName')}
          autoComplete="name"
          {...form.getInputProps('contactName')}
        />
        <AddressFields
          legend={t('signUp.address')}
          inputProps={(field) => form.getInputProps(`address.${field}`)}
        />
        <TextInput
          label={t('address.vatId')}
          description={t('signUp.vatIdHint')}
          {...form.getInputProps('vatId')}
        />
        <NewPasswordFields
          password={form.getInputProps('password')}
          confirmation={form.getInputProps('passwordConfirmation')}
          userInputs={[form.values.email, form.values.companyName, form.values.contactName]}
        />
        <Checkbox
          label={t('signUp.acceptTerms')}
          {...form.getInputProps('acceptTerms', { type: 'checkbox' })}
        />
        <Button type="submit" loading={signUp.isPending}>
          {t('signUp.submit')}
        </Button>
      </Stack>
    </form>
  );
}

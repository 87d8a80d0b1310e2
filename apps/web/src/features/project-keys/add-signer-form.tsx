import { Alert, Button, Group, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { useUnsavedChanges } from '../../app/unsaved-changes.tsx';
import { useAddProjectKeySigner } from './project-keys-api.ts';

const fields = ['label', 'publicJwk'] as const;

/** Adds an MSP's public key: a name for it and the JWK as `vmsp keys keypair` prints it. */
export function AddSignerForm() {
  const { t } = useTranslation();
  const titleId = useId();
  const message = useErrorMessage();
  const add = useAddProjectKeySigner();
  const form = useForm({
    initialValues: { label: '', publicJwk: '' },
    validate: {
      label: (value) => (value.trim() === '' ? t('payments.projectKeys.add.labelRequired') : null),
      publicJwk: (value) => (value.trim() === '' ? t('payments.projectKeys.add.publicJwkRequired') : null),
    },
  });

  const leavePrompt = useUnsavedChanges(form.isDirty());

  const submit = form.onSubmit((values) =>
    add.mutate(values, {
      onSuccess: (signer) => {
        notifications.show({
          color: 'green',
          message: t('payments.projectKeys.add.added', { label: signer.label }),
        });
        form.reset();
      },
      onError: (error) => {
        const field = fieldOf(error, fields);
        if (field) form.setFieldError(field, message(error));
      },
    }),
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby={titleId}>
      <Stack>
        <Title order={3} id={titleId}>
          {t('payments.projectKeys.add.title')}
        </Title>
        {add.isError && fieldOf(add.error, fields) === null && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {message(add.error)}
          </Alert>
        )}
        <TextInput
          label={t('payments.projectKeys.add.label')}
          description={t('payments.projectKeys.add.labelHint')}
          {...form.getInputProps('label')}
        />
        <Textarea
          label={t('payments.projectKeys.add.publicJwk')}
          description={t('payments.projectKeys.add.publicJwkHint')}
          placeholder='{"kty":"OKP","crv":"Ed25519","x":"…"}'
          autosize
          minRows={3}
          maxRows={8}
          spellCheck={false}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          {...form.getInputProps('publicJwk')}
        />
        <Group>
          <Button type="submit" loading={add.isPending}>
            {t('payments.projectKeys.add.submit')}
          </Button>
        </Group>
      </Stack>
      {leavePrompt}
    </form>
  );
}

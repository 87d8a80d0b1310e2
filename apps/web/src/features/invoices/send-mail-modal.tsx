import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { InvoiceDetails } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { useSendInvoiceMail } from './invoices-api.ts';
import './texts.ts';

/**
 * `Send by e-mail`: the invoice's or credit note's mail with its PDF, to the address on it unless the admin
 * enters another (the customer's accounting, or an address the customer gave since). The server checks the
 * address; the form only asks for one.
 */
export function SendMailModal({ invoice, onClose }: { invoice: InvoiceDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const sendMail = useSendInvoiceMail();
  const form = useForm({
    initialValues: { to: invoice.buyer.email },
    validate: { to: (value) => (value.trim() ? null : t('invoices.sendMail.toRequired')) },
  });

  const submit = form.onSubmit(({ to }) =>
    sendMail.mutate(
      { id: invoice.id, to },
      {
        onSuccess: () => {
          notifications.show({
            color: 'green',
            message: t('invoices.sendMail.done', { number: invoice.number, to: to.trim() }),
          });
          onClose();
        },
        onError: (error) => {
          if (fieldOf(error, ['to'] as const)) form.setFieldError('to', message(error));
        },
      },
    ),
  );

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('invoices.sendMail.title', { number: invoice.number })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('invoices.sendMail.intro')}</Text>
          {sendMail.isError && fieldOf(sendMail.error, ['to'] as const) === null && (
            <Alert color="red" icon={<IconAlertTriangle />} role="alert">
              {message(sendMail.error)}
            </Alert>
          )}
          <TextInput
            type="email"
            label={t('invoices.sendMail.to')}
            description={t('invoices.sendMail.toHint')}
            autoComplete="email"
            required
            data-autofocus
            {...form.getInputProps('to')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={sendMail.isPending}>
              {t('invoices.sendMail.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

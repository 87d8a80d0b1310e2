import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { InvoiceDetails } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { useBillingTimeZone } from '../subscriptions/subscriptions-api.ts';
import { todayIn, useFormatCalendarDate } from './invoice-format.ts';
import { useMarkInvoicePaid } from './invoices-api.ts';
import './texts.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `Mark as paid`: the day the payment arrived, today unless told otherwise; never in the future, never before
 * the invoice date.
 */
export function MarkPaidModal({ invoice, onClose }: { invoice: InvoiceDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const markPaid = useMarkInvoicePaid();
  const formatDate = useFormatCalendarDate();
  // "Today" as the server judges it: in the billing time zone, where invoice dates live.
  const today = todayIn(useBillingTimeZone());
  const form = useForm({
    initialValues: { paidOn: today },
    validate: {
      paidOn: (value) =>
        !DATE.test(value)
          ? t('invoices.markPaid.dateRequired')
          : value > today
            ? t('invoices.markPaid.dateInFuture')
            : value < invoice.issueDate
              ? t('invoices.markPaid.dateBeforeIssue', { date: formatDate(invoice.issueDate) })
              : null,
    },
  });

  const submit = form.onSubmit(({ paidOn }) =>
    markPaid.mutate(
      { id: invoice.id, paidOn },
      {
        onSuccess: () => {
          notifications.show({
            color: 'green',
            message: t('invoices.markPaid.done', { number: invoice.number }),
          });
          onClose();
        },
        onError: (error) => {
          if (fieldOf(error, ['paidOn'] as const)) form.setFieldError('paidOn', message(error));
        },
      },
    ),
  );

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('invoices.markPaid.title', { number: invoice.number })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {markPaid.isError && fieldOf(markPaid.error, ['paidOn'] as const) === null && (
            <Alert color="red" icon={<IconAlertTriangle />} role="alert">
              {message(markPaid.error)}
            </Alert>
          )}
          <TextInput
            type="date"
            label={t('invoices.markPaid.date')}
            description={t('invoices.markPaid.dateHint')}
            min={invoice.issueDate}
            max={today}
            required
            data-autofocus
            {...form.getInputProps('paidOn')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={markPaid.isPending}>
              {t('invoices.markPaid.button')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

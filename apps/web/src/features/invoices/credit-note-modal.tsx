import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Modal,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { InvoiceDetails } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { useFormatMoney } from '../../app/format.ts';
import { creditAmounts } from './credit-amounts.ts';
import { useFormatCalendarDate } from './invoice-format.ts';
import { useCreateCreditNote } from './invoices-api.ts';
import './texts.ts';

const requestFields = ['reason', 'lineIds'] as const;

interface CreditNoteValues {
  reason: string;
  scope: 'full' | 'chosen';
  lineIds: number[];
}

/** `Credit note`: a reason, and the whole invoice or chosen lines; shows what it comes to before issuing. */
export function CreditNoteModal({ invoice, onClose }: { invoice: InvoiceDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const formatMoney = useFormatMoney();
  const formatDate = useFormatCalendarDate();
  const create = useCreateCreditNote();
  const form = useForm<CreditNoteValues>({
    initialValues: { reason: '', scope: 'full', lineIds: [] },
    validate: {
      reason: (value) => (value.trim() === '' ? t('invoices.creditNote.reasonRequired') : null),
      lineIds: (value, values) =>
        values.scope === 'chosen' && value.length === 0 ? t('invoices.creditNote.noLines') : null,
    },
  });
  const { scope, lineIds } = form.values;
  // Each line is credited at most once: "the whole invoice" is every line still open.
  const alreadyCredited = new Set(invoice.creditedLineIds);
  const openLines = invoice.lines.filter((line) => !alreadyCredited.has(line.id));
  const credited = scope === 'full' ? openLines : openLines.filter((line) => lineIds.includes(line.id));
  const amounts = creditAmounts(credited);
  const money = (minor: number) => formatMoney(minor, invoice.currency);

  const submit = form.onSubmit((values) =>
    create.mutate(
      {
        id: invoice.id,
        reason: values.reason.trim(),
        ...(values.scope === 'chosen' ? { lineIds: values.lineIds } : {}),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('invoices.creditNote.done') });
          onClose();
        },
        onError: (error) => {
          const field = fieldOf(error, requestFields);
          if (field) form.setFieldError(field, message(error));
        },
      },
    ),
  );
  const toggleLine = (id: number, checked: boolean) => {
    form.setFieldValue('lineIds', checked ? [...lineIds, id] : lineIds.filter((l) => l !== id));
    form.clearFieldError('lineIds');
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('invoices.creditNote.title', { number: invoice.number })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('invoices.creditNote.intro')}</Text>
          {create.isError && fieldOf(create.error, requestFields) === null && (
            <Alert color="red" icon={<IconAlertTriangle />} role="alert">
              {message(create.error)}
            </Alert>
          )}
          <Textarea
            label={t('invoices.details.reason')}
            description={t('invoices.creditNote.reasonHint')}
            required
            autosize
            minRows={2}
            maxLength={500}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <Radio.Group label={t('invoices.creditNote.scope')} {...form.getInputProps('scope')}>
            <Group mt="xs">
              <Radio
                value="full"
                label={t(
                  alreadyCredited.size === 0 ? 'invoices.creditNote.full' : 'invoices.creditNote.allOpen',
                )}
              />
              <Radio value="chosen" label={t('invoices.creditNote.chosen')} />
            </Group>
          </Radio.Group>
          {scope === 'chosen' && (
            <Fieldset legend={t('invoices.creditNote.lines')} variant="unstyled">
              <Stack gap="xs">
                {invoice.lines.map((line) => (
                  <Checkbox
                    key={line.id}
                    checked={alreadyCredited.has(line.id) || lineIds.includes(line.id)}
                    disabled={alreadyCredited.has(line.id)}
                    onChange={(event) => toggleLine(line.id, event.currentTarget.checked)}
                    label={`${line.articleName}, ${t('invoices.details.period', {
                      from: formatDate(line.periodFrom),
                      to: formatDate(line.periodTo),
                    })}`}
                    description={
                      alreadyCredited.has(line.id)
                        ? t('invoices.creditNote.lineCredited', { amount: money(line.netMinor) })
                        : money(line.netMinor)
                    }
                  />
                ))}
                {form.errors.lineIds && (
                  <Text size="sm" c="red" role="alert">
                    {form.errors.lineIds}
                  </Text>
                )}
              </Stack>
            </Fieldset>
          )}
          <Fieldset legend={t('invoices.creditNote.amount')}>
            <SimpleGrid cols={3} component="dl" m={0}>
              {[
                { key: 'net', label: t('invoices.columns.net'), value: amounts.net },
                { key: 'vat', label: t('invoices.columns.vat'), value: amounts.vat },
                { key: 'gross', label: t('invoices.columns.gross'), value: amounts.gross },
              ].map((amount) => (
                <div key={amount.key}>
                  <Text component="dt" size="xs" c="dimmed">
                    {amount.label}
                  </Text>
                  <Text component="dd" m={0} fw={amount.key === 'gross' ? 700 : 500}>
                    {money(amount.value)}
                  </Text>
                </div>
              ))}
            </SimpleGrid>
            <Text size="xs" c="dimmed" mt="xs">
              {t('invoices.creditNote.openToCredit', { amount: money(invoice.creditableGrossMinor) })}
            </Text>
          </Fieldset>
          {amounts.gross > invoice.creditableGrossMinor && (
            <Alert color="yellow" icon={<IconAlertTriangle />} role="status">
              {t('invoices.creditNote.overOpen')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={create.isPending}>
              {t('invoices.creditNote.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { Button, DataList, Drawer, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCash, IconMail, IconReceiptRefund } from '@tabler/icons-react';
import type { InvoiceDetails } from '@vmsp/contracts';
import { countryName, isCountryCode } from '@vmsp/domain';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatMoney } from '../../app/format.ts';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useReturnFocus } from '../../app/ui/use-return-focus.ts';
import { CreditNoteModal } from './credit-note-modal.tsx';
import { InvoiceStatusBadge } from './invoice-badges.tsx';
import {
  CreditNotesTable,
  InvoiceHistoryTable,
  InvoiceLinesTable,
  VatBreakdownTable,
} from './invoice-details-tables.tsx';
import { InvoiceDocuments } from './invoice-documents.tsx';
import { useFormatCalendarDate, useFormatMonth } from './invoice-format.ts';
import { useInvoice } from './invoices-api.ts';
import { MarkPaidModal } from './mark-paid-modal.tsx';
import { SendMailModal } from './send-mail-modal.tsx';
import './texts.ts';

/**
 * One invoice or credit note: buyer, lines, VAT, notes, credit notes and history, with `Mark as paid`,
 * `Credit note`, `Send by e-mail` and the downloads. `onOpen` shows another one (a credit note, or the
 * invoice it credits).
 */
export function InvoiceDetailsDrawer({
  id,
  onOpen,
  onClose,
}: {
  id: string;
  onOpen: (id: string) => void;
  onClose: () => void;
}) {
  useReturnFocus();
  const { t } = useTranslation();
  const details = useInvoice(id);
  const title = details.data
    ? t(details.data.kind === 'invoice' ? 'invoices.details.title' : 'invoices.details.creditNoteTitle', {
        number: details.data.number,
      })
    : t('app.loading');
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="xl"
      title={title}
      closeButtonProps={{ 'aria-label': t('invoices.details.close') }}
      styles={{ title: { fontSize: 'var(--mantine-h2-font-size)', fontWeight: 700 } }}
    >
      {details.isPending && <PageLoader />}
      {details.isError && <LoadError error={details.error} onRetry={() => void details.refetch()} />}
      {details.data && <DetailsView invoice={details.data} onOpen={onOpen} />}
    </Drawer>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={3} size="h4" mb="xs" id={id}>
        {title}
      </Title>
      {children}
    </section>
  );
}

function DetailsView({ invoice, onOpen }: { invoice: InvoiceDetails; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const formatMoney = useFormatMoney();
  const formatDate = useFormatCalendarDate();
  const formatMonth = useFormatMonth();
  const [action, setAction] = useState<'paid' | 'credit' | 'mail' | null>(null);
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const isInvoice = invoice.kind === 'invoice';
  const payable = isInvoice && (invoice.status === 'issued' || invoice.status === 'overdue');
  const creditable = isInvoice && invoice.status !== 'cancelled' && invoice.creditableGrossMinor > 0;
  const buyerCountry = isCountryCode(invoice.buyer.country)
    ? countryName(invoice.buyer.country, i18n.language)
    : invoice.buyer.country;

  const summary: { label: string; value: ReactNode }[] = [
    { label: t('invoices.columns.kind'), value: t(`invoices.kind.${invoice.kind}`) },
    { label: t('invoices.columns.status'), value: <InvoiceStatusBadge status={invoice.status} /> },
    { label: t('invoices.details.billingMonth'), value: formatMonth(invoice.billingMonth) },
    { label: t('invoices.details.issueDate'), value: formatDate(invoice.issueDate) },
    { label: t('invoices.details.dueDate'), value: formatDate(invoice.dueDate) },
    ...(invoice.paidOn === null
      ? []
      : [{ label: t('invoices.details.paidOn'), value: formatDate(invoice.paidOn) }]),
    ...(invoice.creditedInvoiceNumber === null
      ? []
      : [{ label: t('invoices.details.creditedInvoice'), value: invoice.creditedInvoiceNumber }]),
    { label: t('invoices.details.language'), value: t(`invoices.details.languages.${invoice.language}`) },
    { label: t('invoices.columns.net'), value: money(invoice.netMinor) },
    { label: t('invoices.columns.vat'), value: money(invoice.vatMinor) },
    { label: t('invoices.columns.gross'), value: <strong>{money(invoice.grossMinor)}</strong> },
    ...(isInvoice
      ? [{ label: t('invoices.details.creditable'), value: money(invoice.creditableGrossMinor) }]
      : []),
  ];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <InvoiceDocuments invoice={invoice} scope="admin" />
        <Group gap="xs">
          {payable && (
            <Button leftSection={<IconCash size={16} />} onClick={() => setAction('paid')}>
              {t('invoices.markPaid.button')}
            </Button>
          )}
          {creditable && (
            <Button
              variant="light"
              color="orange"
              leftSection={<IconReceiptRefund size={16} />}
              onClick={() => setAction('credit')}
            >
              {t('invoices.creditNote.button')}
            </Button>
          )}
          {invoice.documentsReady && (
            <Button variant="default" leftSection={<IconMail size={16} />} onClick={() => setAction('mail')}>
              {t('invoices.sendMail.button')}
            </Button>
          )}
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xl">
        <Section id={`${id}-summary`} title={t('invoices.details.summary')}>
          <DataList labelWidth="10rem">
            {summary.map((item) => (
              <DataList.Item key={item.label}>
                <DataList.ItemLabel>{item.label}</DataList.ItemLabel>
                <DataList.ItemValue>{item.value}</DataList.ItemValue>
              </DataList.Item>
            ))}
          </DataList>
        </Section>
        <Section id={`${id}-buyer`} title={t('invoices.details.buyer')}>
          <Text component="address" size="sm" fs="normal" style={{ whiteSpace: 'pre-line' }}>
            {`${invoice.buyer.name}\n${invoice.buyer.street}\n${invoice.buyer.postalCode} ${invoice.buyer.city}\n${buyerCountry}`}
          </Text>
          <DataList labelWidth="8rem" mt="sm">
            <DataList.Item>
              <DataList.ItemLabel>{t('invoices.details.vatId')}</DataList.ItemLabel>
              <DataList.ItemValue>{invoice.buyer.vatId ?? t('common.noValue')}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('invoices.details.email')}</DataList.ItemLabel>
              <DataList.ItemValue>{invoice.buyer.email}</DataList.ItemValue>
            </DataList.Item>
          </DataList>
        </Section>
      </SimpleGrid>

      <Section id={`${id}-lines`} title={t('invoices.details.lines')}>
        <InvoiceLinesTable invoice={invoice} labelledBy={`${id}-lines`} />
      </Section>

      <Section id={`${id}-vat`} title={t('invoices.details.vat')}>
        <VatBreakdownTable invoice={invoice} labelledBy={`${id}-vat`} />
      </Section>

      {(invoice.reason !== null || invoice.notes.length > 0) && (
        <Section id={`${id}-notes`} title={t('invoices.details.notes')}>
          {invoice.reason !== null && (
            <Text size="sm" mb="xs">
              <strong>{t('invoices.details.reason')}:</strong> {invoice.reason}
            </Text>
          )}
          {invoice.notes.length > 0 && (
            <List size="sm" spacing={4}>
              {invoice.notes.map((note) => (
                <List.Item key={note}>{note}</List.Item>
              ))}
            </List>
          )}
        </Section>
      )}

      {isInvoice && (
        <Section id={`${id}-credit-notes`} title={t('invoices.details.creditNotes')}>
          <CreditNotesTable invoice={invoice} labelledBy={`${id}-credit-notes`} onOpen={onOpen} />
        </Section>
      )}

      <Section id={`${id}-history`} title={t('invoices.details.history')}>
        <InvoiceHistoryTable invoice={invoice} labelledBy={`${id}-history`} />
      </Section>

      {action === 'paid' && <MarkPaidModal invoice={invoice} onClose={() => setAction(null)} />}
      {action === 'credit' && <CreditNoteModal invoice={invoice} onClose={() => setAction(null)} />}
      {action === 'mail' && <SendMailModal invoice={invoice} onClose={() => setAction(null)} />}
    </Stack>
  );
}

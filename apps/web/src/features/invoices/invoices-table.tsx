import { Anchor, Stack, Text } from '@mantine/core';
import type { InvoiceListItem } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatMoney } from '../../app/format.ts';
import { type ListColumn, ResponsiveList } from '../../app/ui/responsive-list.tsx';
import { InvoiceStatusBadge } from './invoice-badges.tsx';
import { InvoiceDocuments } from './invoice-documents.tsx';
import { useFormatCalendarDate, useFormatMonth } from './invoice-format.ts';
import './texts.ts';

/** The Invoices page's rows: each row or card, and its number, opens the details; amounts in the invoice's currency. */
export function InvoicesTable({
  invoices,
  onOpen,
  busy,
}: {
  invoices: InvoiceListItem[];
  onOpen: (id: string) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const formatDate = useFormatCalendarDate();
  const formatMonth = useFormatMonth();
  if (invoices.length === 0) {
    return (
      <Text c="dimmed" py="md">
        {t('invoices.empty')}
      </Text>
    );
  }
  const columns: ListColumn<InvoiceListItem>[] = [
    {
      key: 'number',
      label: t('invoices.columns.number'),
      card: 'title',
      cell: (invoice) => (
        <Anchor
          component="button"
          type="button"
          ff="monospace"
          size="sm"
          aria-haspopup="dialog"
          onClick={() => onOpen(invoice.id)}
        >
          {invoice.number}
        </Anchor>
      ),
    },
    {
      key: 'kind',
      label: t('invoices.columns.kind'),
      card: 'field',
      cell: (invoice) => (
        <Stack gap={0} component="span">
          <Text size="sm" component="span">
            {t(`invoices.kind.${invoice.kind}`)}
          </Text>
          {invoice.creditedInvoiceNumber !== null && (
            <Text size="xs" c="dimmed" component="span">
              {t('invoices.creditFor', { number: invoice.creditedInvoiceNumber })}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'customer',
      label: t('invoices.columns.customer'),
      card: 'field',
      cell: (invoice) => invoice.customerName,
    },
    {
      key: 'month',
      label: t('invoices.columns.month'),
      card: 'field',
      noWrap: true,
      cell: (invoice) => formatMonth(invoice.billingMonth),
    },
    {
      key: 'issueDate',
      label: t('invoices.columns.issueDate'),
      card: 'table',
      noWrap: true,
      cell: (invoice) => formatDate(invoice.issueDate),
    },
    {
      key: 'dueDate',
      label: t('invoices.columns.dueDate'),
      card: 'field',
      noWrap: true,
      cell: (invoice) => formatDate(invoice.dueDate),
    },
    ...(['net', 'vat', 'gross'] as const).map(
      (amount): ListColumn<InvoiceListItem> => ({
        key: amount,
        label: t(`invoices.columns.${amount}`),
        align: 'right',
        noWrap: true,
        // The card shows what is owed; net and VAT are in the invoice's details.
        card: amount === 'gross' ? 'field' : 'table',
        cell: (invoice) => formatMoney(invoice[`${amount}Minor`], invoice.currency),
      }),
    ),
    {
      key: 'status',
      label: t('invoices.columns.status'),
      card: 'field',
      cell: (invoice) => <InvoiceStatusBadge status={invoice.status} />,
    },
    {
      key: 'documents',
      label: t('invoices.columns.documents'),
      card: 'footer',
      cell: (invoice) => <InvoiceDocuments invoice={invoice} scope="admin" compact />,
    },
  ];
  return (
    <ResponsiveList
      items={invoices}
      itemKey={(invoice) => invoice.id}
      columns={columns}
      label={t('invoices.title')}
      minWidth={1100}
      onOpen={(invoice) => onOpen(invoice.id)}
      tableProps={{ 'aria-busy': busy, opacity: busy ? 0.6 : 1 }}
    />
  );
}

import { Anchor, Text } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import type { InvoiceListItem, StripeInvoiceItem } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatMoney } from '../../app/format.ts';
import { type ListColumn, ResponsiveList } from '../../app/ui/responsive-list.tsx';
import { useFormatBillingDate } from '../subscriptions/billing-date.ts';
import { InvoiceStatusBadge, StripeInvoiceStatusBadge } from './invoice-badges.tsx';
import { InvoiceDocuments } from './invoice-documents.tsx';
import { useFormatCalendarDate } from './invoice-format.ts';
import type { DocumentScope } from './invoices-api.ts';
import './texts.ts';

/** One customer's invoices and credit notes: number, dates, status, gross and the downloads. */
export function CustomerInvoicesTable({
  invoices,
  scope,
  labelledBy,
  emptyText,
}: {
  invoices: InvoiceListItem[];
  scope: DocumentScope;
  labelledBy: string;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const formatDate = useFormatCalendarDate();
  if (invoices.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {emptyText}
      </Text>
    );
  }
  const columns: ListColumn<InvoiceListItem>[] = [
    {
      key: 'number',
      label: t('invoices.columns.number'),
      card: 'title',
      cell: (invoice) => (
        <Text size="sm" ff="monospace">
          {invoice.number}
        </Text>
      ),
    },
    {
      key: 'kind',
      label: t('invoices.columns.kind'),
      card: 'field',
      cell: (invoice) => (
        <>
          <Text size="sm">{t(`invoices.kind.${invoice.kind}`)}</Text>
          {invoice.creditedInvoiceNumber !== null && (
            <Text size="xs" c="dimmed">
              {t('invoices.creditFor', { number: invoice.creditedInvoiceNumber })}
            </Text>
          )}
        </>
      ),
    },
    {
      key: 'issueDate',
      label: t('invoices.columns.issueDate'),
      card: 'field',
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
    {
      key: 'status',
      label: t('invoices.columns.status'),
      card: 'field',
      cell: (invoice) => <InvoiceStatusBadge status={invoice.status} />,
    },
    {
      key: 'gross',
      label: t('invoices.columns.gross'),
      card: 'field',
      align: 'right',
      noWrap: true,
      cell: (invoice) => formatMoney(invoice.grossMinor, invoice.currency),
    },
    {
      key: 'documents',
      label: t('invoices.columns.documents'),
      card: 'footer',
      cell: (invoice) => <InvoiceDocuments invoice={invoice} scope={scope} compact />,
    },
  ];
  return (
    <ResponsiveList
      items={invoices}
      itemKey={(invoice) => invoice.id}
      columns={columns}
      labelledBy={labelledBy}
      minWidth={760}
      tableProps={{ highlightOnHover: false }}
    />
  );
}

/** A card customer's invoices at Stripe, with the link to Stripe's hosted page (a new tab). */
export function StripeInvoicesTable({
  invoices,
  labelledBy,
}: {
  invoices: StripeInvoiceItem[];
  labelledBy: string;
}) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const formatDate = useFormatBillingDate();
  const columns: ListColumn<StripeInvoiceItem>[] = [
    {
      key: 'number',
      label: t('invoices.columns.number'),
      card: 'title',
      cell: (invoice) => (
        <Text size="sm" ff="monospace">
          {invoice.number ?? t('invoices.stripe.noNumber')}
        </Text>
      ),
    },
    {
      key: 'issueDate',
      label: t('invoices.columns.issueDate'),
      card: 'field',
      noWrap: true,
      cell: (invoice) => formatDate(invoice.createdAt),
    },
    {
      key: 'status',
      label: t('invoices.columns.status'),
      card: 'field',
      cell: (invoice) => <StripeInvoiceStatusBadge status={invoice.status} />,
    },
    {
      key: 'total',
      label: t('invoices.stripe.columns.total'),
      card: 'field',
      align: 'right',
      noWrap: true,
      cell: (invoice) => formatMoney(invoice.totalMinor, invoice.currency),
    },
    {
      key: 'paid',
      label: t('invoices.stripe.columns.paid'),
      card: 'field',
      align: 'right',
      noWrap: true,
      cell: (invoice) => formatMoney(invoice.amountPaidMinor, invoice.currency),
    },
    {
      key: 'link',
      label: t('invoices.stripe.columns.link'),
      card: 'footer',
      cell: (invoice) =>
        invoice.hostedInvoiceUrl === null ? (
          <Text size="sm" c="dimmed">
            {t('invoices.stripe.noLink')}
          </Text>
        ) : (
          <Anchor
            href={invoice.hostedInvoiceUrl}
            target="_blank"
            rel="noopener noreferrer"
            size="sm"
            aria-label={t('invoices.stripe.openOf', {
              number: invoice.number ?? t('invoices.stripe.noNumber'),
            })}
          >
            {t('invoices.stripe.open')} <IconExternalLink size={12} aria-hidden />
          </Anchor>
        ),
    },
  ];
  return (
    <ResponsiveList
      items={invoices}
      itemKey={(invoice) => invoice.id}
      columns={columns}
      labelledBy={labelledBy}
      minWidth={640}
      tableProps={{ highlightOnHover: false }}
    />
  );
}

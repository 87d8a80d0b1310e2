import { Anchor, Table, Text } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import type { InvoiceListItem, StripeInvoiceItem } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatMoney } from '../../app/format.ts';
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
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped aria-labelledby={labelledBy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('invoices.columns.number')}</Table.Th>
            <Table.Th>{t('invoices.columns.kind')}</Table.Th>
            <Table.Th>{t('invoices.columns.issueDate')}</Table.Th>
            <Table.Th>{t('invoices.columns.dueDate')}</Table.Th>
            <Table.Th>{t('invoices.columns.status')}</Table.Th>
            <Table.Th ta="right">{t('invoices.columns.gross')}</Table.Th>
            <Table.Th>{t('invoices.columns.documents')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoices.map((invoice) => (
            <Table.Tr key={invoice.id}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {invoice.number}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`invoices.kind.${invoice.kind}`)}</Text>
                {invoice.creditedInvoiceNumber !== null && (
                  <Text size="xs" c="dimmed">
                    {t('invoices.creditFor', { number: invoice.creditedInvoiceNumber })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(invoice.issueDate)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(invoice.dueDate)}</Table.Td>
              <Table.Td>
                <InvoiceStatusBadge status={invoice.status} />
              </Table.Td>
              <Table.Td ta="right">{formatMoney(invoice.grossMinor, invoice.currency)}</Table.Td>
              <Table.Td>
                <InvoiceDocuments invoice={invoice} scope={scope} compact />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
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
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-labelledby={labelledBy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('invoices.columns.number')}</Table.Th>
            <Table.Th>{t('invoices.columns.issueDate')}</Table.Th>
            <Table.Th>{t('invoices.columns.status')}</Table.Th>
            <Table.Th ta="right">{t('invoices.stripe.columns.total')}</Table.Th>
            <Table.Th ta="right">{t('invoices.stripe.columns.paid')}</Table.Th>
            <Table.Th>{t('invoices.stripe.columns.link')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoices.map((invoice) => {
            const number = invoice.number ?? t('invoices.stripe.noNumber');
            return (
              <Table.Tr key={invoice.id}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {number}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(invoice.createdAt)}</Table.Td>
                <Table.Td>
                  <StripeInvoiceStatusBadge status={invoice.status} />
                </Table.Td>
                <Table.Td ta="right">{formatMoney(invoice.totalMinor, invoice.currency)}</Table.Td>
                <Table.Td ta="right">{formatMoney(invoice.amountPaidMinor, invoice.currency)}</Table.Td>
                <Table.Td>
                  {invoice.hostedInvoiceUrl === null ? (
                    <Text size="sm" c="dimmed">
                      {t('invoices.stripe.noLink')}
                    </Text>
                  ) : (
                    <Anchor
                      href={invoice.hostedInvoiceUrl}
                      target="_blank"
                      rel="noopener noreferrer"
                      size="sm"
                      aria-label={t('invoices.stripe.openOf', { number })}
                    >
                      {t('invoices.stripe.open')} <IconExternalLink size={12} aria-hidden />
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

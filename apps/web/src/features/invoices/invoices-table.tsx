import { Anchor, Stack, Table, Text } from '@mantine/core';
import type { InvoiceListItem } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatMoney } from '../../app/format.ts';
import { InvoiceStatusBadge } from './invoice-badges.tsx';
import { InvoiceDocuments } from './invoice-documents.tsx';
import { useFormatCalendarDate, useFormatMonth } from './invoice-format.ts';
import './texts.ts';

/** The Invoices page's rows: each number opens the details; amounts in the invoice's currency. */
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
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table
        striped
        highlightOnHover
        aria-label={t('invoices.title')}
        aria-busy={busy}
        opacity={busy ? 0.6 : 1}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('invoices.columns.number')}</Table.Th>
            <Table.Th>{t('invoices.columns.kind')}</Table.Th>
            <Table.Th>{t('invoices.columns.customer')}</Table.Th>
            <Table.Th>{t('invoices.columns.month')}</Table.Th>
            <Table.Th>{t('invoices.columns.issueDate')}</Table.Th>
            <Table.Th>{t('invoices.columns.dueDate')}</Table.Th>
            <Table.Th ta="right">{t('invoices.columns.net')}</Table.Th>
            <Table.Th ta="right">{t('invoices.columns.vat')}</Table.Th>
            <Table.Th ta="right">{t('invoices.columns.gross')}</Table.Th>
            <Table.Th>{t('invoices.columns.status')}</Table.Th>
            <Table.Th>{t('invoices.columns.documents')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoices.map((invoice) => (
            <Table.Tr key={invoice.id}>
              <Table.Td>
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
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm">{t(`invoices.kind.${invoice.kind}`)}</Text>
                  {invoice.creditedInvoiceNumber !== null && (
                    <Text size="xs" c="dimmed">
                      {t('invoices.creditFor', { number: invoice.creditedInvoiceNumber })}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>{invoice.customerName}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMonth(invoice.billingMonth)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(invoice.issueDate)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(invoice.dueDate)}</Table.Td>
              <Table.Td ta="right">{formatMoney(invoice.netMinor, invoice.currency)}</Table.Td>
              <Table.Td ta="right">{formatMoney(invoice.vatMinor, invoice.currency)}</Table.Td>
              <Table.Td ta="right">{formatMoney(invoice.grossMinor, invoice.currency)}</Table.Td>
              <Table.Td>
                <InvoiceStatusBadge status={invoice.status} />
              </Table.Td>
              <Table.Td>
                <InvoiceDocuments invoice={invoice} scope="admin" compact />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

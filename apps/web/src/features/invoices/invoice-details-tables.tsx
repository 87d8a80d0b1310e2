import { Anchor, Table, Text } from '@mantine/core';
import type { InvoiceDetails } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime, useFormatMoney, useFormatNumber } from '../../app/format.ts';
import { InvoiceStatusBadge } from './invoice-badges.tsx';
import { InvoiceDocuments } from './invoice-documents.tsx';
import { useFormatCalendarDate, useFormatRate } from './invoice-format.ts';
import { invoiceTexts } from './texts.ts';

/** The lines: article, service period, IPs, price per IP and month, VAT rate, amount. */
export function InvoiceLinesTable({ invoice, labelledBy }: { invoice: InvoiceDetails; labelledBy: string }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const formatNumber = useFormatNumber();
  const formatDate = useFormatCalendarDate();
  const formatRate = useFormatRate();
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const credited = new Set(invoice.creditedLineIds);
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped aria-labelledby={labelledBy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('invoices.details.line.article')}</Table.Th>
            <Table.Th>{t('invoices.details.line.period')}</Table.Th>
            <Table.Th ta="right">{t('invoices.details.line.ips')}</Table.Th>
            <Table.Th ta="right">{t('invoices.details.line.unitPrice')}</Table.Th>
            <Table.Th ta="right">{t('invoices.details.line.vatRate')}</Table.Th>
            <Table.Th ta="right">{t('invoices.details.line.amount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoice.lines.map((line) => (
            <Table.Tr key={line.id}>
              <Table.Td>
                <Text size="sm">{line.articleName}</Text>
                <Text size="xs" c="dimmed">
                  {t('invoices.details.line.articleNumber', { number: line.articleNumber })}
                  {credited.has(line.id) && ` · ${t('invoices.details.line.credited')}`}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {t('invoices.details.period', {
                  from: formatDate(line.periodFrom),
                  to: formatDate(line.periodTo),
                })}
              </Table.Td>
              <Table.Td ta="right">{formatNumber(line.quantity)}</Table.Td>
              <Table.Td ta="right">{money(line.unitPriceMinor)}</Table.Td>
              <Table.Td ta="right">{formatRate(line.vatRateBasisPoints)}</Table.Td>
              <Table.Td ta="right">{money(line.netMinor)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** VAT per category and rate, with the exemption reason where there is one. */
export function VatBreakdownTable({ invoice, labelledBy }: { invoice: InvoiceDetails; labelledBy: string }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const formatRate = useFormatRate();
  return (
    <Table striped aria-labelledby={labelledBy}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('invoices.details.vatTable.category')}</Table.Th>
          <Table.Th ta="right">{t('invoices.details.vatTable.rate')}</Table.Th>
          <Table.Th ta="right">{t('invoices.details.vatTable.taxable')}</Table.Th>
          <Table.Th ta="right">{t('invoices.columns.vat')}</Table.Th>
          <Table.Th>{t('invoices.details.vatTable.exemption')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {invoice.vat.map((row) => (
          <Table.Tr key={`${row.category}/${row.rateBasisPoints}`}>
            <Table.Td>
              {t(`invoices.vatCategory.${row.category}`)} ({row.category})
            </Table.Td>
            <Table.Td ta="right">{formatRate(row.rateBasisPoints)}</Table.Td>
            <Table.Td ta="right">{formatMoney(row.taxableMinor, invoice.currency)}</Table.Td>
            <Table.Td ta="right">{formatMoney(row.vatMinor, invoice.currency)}</Table.Td>
            <Table.Td>{row.exemptionReason ?? t('common.noValue')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** An invoice's credit notes; each number opens that credit note's details. */
export function CreditNotesTable({
  invoice,
  labelledBy,
  onOpen,
}: {
  invoice: InvoiceDetails;
  labelledBy: string;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const formatDate = useFormatCalendarDate();
  if (invoice.creditNotes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('invoices.details.noCreditNotes')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped aria-labelledby={labelledBy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('invoices.columns.number')}</Table.Th>
            <Table.Th>{t('invoices.columns.issueDate')}</Table.Th>
            <Table.Th ta="right">{t('invoices.columns.gross')}</Table.Th>
            <Table.Th>{t('invoices.columns.status')}</Table.Th>
            <Table.Th>{t('invoices.columns.documents')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoice.creditNotes.map((note) => (
            <Table.Tr key={note.id}>
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  ff="monospace"
                  size="sm"
                  onClick={() => onOpen(note.id)}
                >
                  {note.number}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(note.issueDate)}</Table.Td>
              <Table.Td ta="right">{formatMoney(note.grossMinor, note.currency)}</Table.Td>
              <Table.Td>
                <InvoiceStatusBadge status={note.status} />
              </Table.Td>
              <Table.Td>
                <InvoiceDocuments invoice={note} scope="admin" compact />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type HistoryAction = keyof typeof invoiceTexts.en.invoices.details.historyActions;

/** An audit action (`invoice.paid`, `credit-note.issued`) in words; one not known here is shown as it is. */
function historyActionKey(action: string): HistoryAction | null {
  const verb = action.slice(action.indexOf('.') + 1);
  return Object.hasOwn(invoiceTexts.en.invoices.details.historyActions, verb)
    ? (verb as HistoryAction)
    : null;
}

/** What happened to the invoice, from the audit log: when, what, who, and the detail each entry noted. */
export function InvoiceHistoryTable({
  invoice,
  labelledBy,
}: {
  invoice: InvoiceDetails;
  labelledBy: string;
}) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  if (invoice.history.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('invoices.details.noHistory')}
      </Text>
    );
  }
  return (
    <Table striped aria-labelledby={labelledBy}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('invoices.details.historyTable.at')}</Table.Th>
          <Table.Th>{t('invoices.details.historyTable.action')}</Table.Th>
          <Table.Th>{t('invoices.details.historyTable.actor')}</Table.Th>
          <Table.Th>{t('invoices.details.historyTable.detail')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {invoice.history.map((entry) => {
          const key = historyActionKey(entry.action);
          return (
            <Table.Tr key={`${entry.at}/${entry.action}/${entry.detail}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</Table.Td>
              <Table.Td>{key ? t(`invoices.details.historyActions.${key}`) : entry.action}</Table.Td>
              <Table.Td>{entry.actorEmail ?? t('invoices.details.historyTable.system')}</Table.Td>
              <Table.Td>{entry.detail ?? t('common.noValue')}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

import { DataList, Stack, Table } from '@mantine/core';
import { averageUnitPriceRounded, type GraduatedPrice } from '@vmsp/domain';
import { useTranslation } from 'react-i18next';
import { useFormatMoney, useFormatNumber } from '../../app/format.ts';

/**
 * What a number of IPs costs per month: the total, the average per IP (rounded half-up for display only,
 * ), and the graduated breakdown.
 */
export function MonthlyPrice({ price, currency }: { price: GraduatedPrice; currency: string }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const ips = price.lines.reduce((sum, line) => sum + line.count, 0);
  const average = averageUnitPriceRounded(price.totalMinor, ips);
  return (
    <Stack gap="sm">
      <DataList labelWidth="11rem">
        <DataList.Item>
          <DataList.ItemLabel>{t('subscriptions.price.monthly')}</DataList.ItemLabel>
          <DataList.ItemValue fw={700}>{formatMoney(price.totalMinor, currency)}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('subscriptions.price.average')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {average === null ? t('common.noValue') : formatMoney(average, currency)}
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
      <PriceBreakdown price={price} currency={currency} />
    </Stack>
  );
}

/** The graduated price line by line: how many of the IPs fall into each range, and what they cost. */
export function PriceBreakdown({ price, currency }: { price: GraduatedPrice; currency: string }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const formatNumber = useFormatNumber();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped aria-label={t('subscriptions.breakdown.label')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('subscriptions.breakdown.articleName')}</Table.Th>
            <Table.Th>{t('subscriptions.breakdown.articleNumber')}</Table.Th>
            <Table.Th ta="right">{t('subscriptions.breakdown.count')}</Table.Th>
            <Table.Th ta="right">{t('subscriptions.breakdown.unitPrice')}</Table.Th>
            <Table.Th ta="right">{t('subscriptions.breakdown.amount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {price.lines.map((line) => (
            <Table.Tr key={line.rangeIndex}>
              <Table.Td>{line.articleName}</Table.Td>
              <Table.Td>{line.articleNumber}</Table.Td>
              <Table.Td ta="right">{formatNumber(line.count)}</Table.Td>
              <Table.Td ta="right">{formatMoney(line.unitPriceMinor, currency)}</Table.Td>
              <Table.Td ta="right">{formatMoney(line.amountMinor, currency)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={4}>{t('subscriptions.breakdown.total')}</Table.Th>
            <Table.Th ta="right">{formatMoney(price.totalMinor, currency)}</Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

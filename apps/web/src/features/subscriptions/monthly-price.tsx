import { DataList, Group, Stack, Table } from '@mantine/core';
import { averageUnitPriceRounded, type GraduatedPrice } from '@vmsp/domain';
import { useTranslation } from 'react-i18next';
import { useFormatMoney, useFormatNumber } from '../../app/format.ts';
import { ResponsiveList, useIsPhone } from '../../app/ui/responsive-list.tsx';

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
  const phone = useIsPhone();
  // On a phone the lines are cards, and the total follows them.
  if (phone)
    return (
      <Stack gap="xs">
        <ResponsiveList
          items={price.lines}
          itemKey={(line) => String(line.rangeIndex)}
          label={t('subscriptions.breakdown.label')}
          minWidth={560}
          columns={[
            {
              key: 'articleName',
              label: t('subscriptions.breakdown.articleName'),
              card: 'title',
              cell: (line) => line.articleName,
            },
            {
              key: 'articleNumber',
              label: t('subscriptions.breakdown.articleNumber'),
              card: 'field',
              cell: (line) => line.articleNumber,
            },
            {
              key: 'count',
              label: t('subscriptions.breakdown.count'),
              card: 'field',
              cell: (line) => formatNumber(line.count),
            },
            {
              key: 'unitPrice',
              label: t('subscriptions.breakdown.unitPrice'),
              card: 'field',
              cell: (line) => formatMoney(line.unitPriceMinor, currency),
            },
            {
              key: 'amount',
              label: t('subscriptions.breakdown.amount'),
              card: 'field',
              cell: (line) => formatMoney(line.amountMinor, currency),
            },
          ]}
        />
        <Group justify="space-between" fw={700}>
          <span>{t('subscriptions.breakdown.total')}</span>
          <span>{formatMoney(price.totalMinor, currency)}</span>
        </Group>
      </Stack>
    );
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

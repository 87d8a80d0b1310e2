import { Stack, Table, Text } from '@mantine/core';
import type { SubscriptionOverview, SubscriptionPeriod } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime, useFormatMoney, useFormatNumber } from '../../app/format.ts';
import { StatusBadge } from '../../app/ui/status-badge.tsx';
import { useFormatBillingDate } from './billing-date.ts';

/**
 * All of a customer's subscriptions: the running period, the scheduled change, and the past periods,
 * newest first, each with its IPs, payment method, monthly price, start and end.
 */
export function SubscriptionHistory({ overview }: { overview: SubscriptionOverview }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const formatBillingDate = useFormatBillingDate();
  const formatMoney = useFormatMoney();
  const formatNumber = useFormatNumber();
  const { current, pending, past } = overview;

  if (!current && !pending && past.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('subscriptions.history.none')}
      </Text>
    );
  }

  const periodRow = (period: SubscriptionPeriod, state: 'current' | 'past') => (
    <Table.Tr key={period.id}>
      <Table.Td>
        <StatusBadge color={state === 'current' ? 'green' : 'gray'}>
          {t(`subscriptions.history.state.${state}`)}
        </StatusBadge>
      </Table.Td>
      <Table.Td ta="right">{formatNumber(period.ipsInternal)}</Table.Td>
      <Table.Td ta="right">{formatNumber(period.ipsExternal)}</Table.Td>
      <Table.Td>{t(`customers.paymentMethod.${period.paymentMethod}`)}</Table.Td>
      <Table.Td ta="right">
        {formatMoney(period.monthlyPrice.amountMinor, period.monthlyPrice.currency)}
      </Table.Td>
      <Table.Td>{formatDateTime(period.startedAt)}</Table.Td>
      <Table.Td>
        {period.endedAt === null ? t('subscriptions.history.running') : formatDateTime(period.endedAt)}
      </Table.Td>
    </Table.Tr>
  );

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped aria-label={t('subscriptions.history.label')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('subscriptions.history.state.label')}</Table.Th>
            <Table.Th ta="right">{t('subscriptions.history.internal')}</Table.Th>
            <Table.Th ta="right">{t('subscriptions.history.external')}</Table.Th>
            <Table.Th>{t('subscriptions.history.paymentMethod')}</Table.Th>
            <Table.Th ta="right">{t('subscriptions.history.monthlyPrice')}</Table.Th>
            <Table.Th>{t('subscriptions.history.start')}</Table.Th>
            <Table.Th>{t('subscriptions.history.end')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pending && (
            <Table.Tr>
              <Table.Td>
                <Stack gap={2} align="flex-start">
                  <StatusBadge color="blue">{t('subscriptions.history.state.scheduled')}</StatusBadge>
                  <Text size="xs">{t(`subscriptions.kind.${pending.kind}`)}</Text>
                </Stack>
              </Table.Td>
              <Table.Td ta="right">{formatNumber(pending.ipsInternal)}</Table.Td>
              <Table.Td ta="right">{formatNumber(pending.ipsExternal)}</Table.Td>
              {/* A scheduled change keeps the running subscription's payment method. */}
              <Table.Td>
                {current ? t(`customers.paymentMethod.${current.paymentMethod}`) : t('common.noValue')}
              </Table.Td>
              <Table.Td ta="right">
                {formatMoney(pending.monthlyPrice.amountMinor, pending.monthlyPrice.currency)}
              </Table.Td>
              <Table.Td>
                {t('subscriptions.history.appliesOn', { date: formatBillingDate(pending.effectiveAt) })}
              </Table.Td>
              <Table.Td>{t('common.noValue')}</Table.Td>
            </Table.Tr>
          )}
          {current && periodRow(current, 'current')}
          {past.map((period) => periodRow(period, 'past'))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

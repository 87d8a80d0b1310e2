import { Alert, DataList, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { CardBillingView, RedeemedProjectKey } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime, useFormatMoney, useFormatNumber } from '../../app/format.ts';
import { StatusBadge } from '../../app/ui/status-badge.tsx';
import { useFormatBillingDate } from '../subscriptions/billing-date.ts';

/** The customer's redeemed project keys: term, purchase and sales price, and the margin. */
export function ProjectKeysTable({ keys, labelledBy }: { keys: RedeemedProjectKey[]; labelledBy: string }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const formatNumber = useFormatNumber();
  const formatDate = useFormatBillingDate();
  if (keys.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('payments.details.noProjectKeys')}
      </Text>
    );
  }
  const money = ({ amountMinor, currency }: { amountMinor: number; currency: string }) =>
    formatMoney(amountMinor, currency);
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped aria-labelledby={labelledBy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('payments.details.keyId')}</Table.Th>
            <Table.Th ta="right">{t('payments.details.ips')}</Table.Th>
            <Table.Th>{t('payments.details.term')}</Table.Th>
            <Table.Th ta="right">{t('payments.details.purchasePrice')}</Table.Th>
            <Table.Th ta="right">{t('payments.details.salesPrice')}</Table.Th>
            <Table.Th ta="right">{t('payments.details.margin')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => (
            <Table.Tr key={key.keyId}>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {key.keyId}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{formatNumber(key.ips)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {t('payments.details.termValue', {
                  start: formatDate(key.termStartsAt),
                  end: formatDate(key.termEndsAt),
                  count: key.months,
                })}
              </Table.Td>
              <Table.Td ta="right">{money(key.purchasePrice)}</Table.Td>
              <Table.Td ta="right">{money(key.salesPrice)}</Table.Td>
              <Table.Td ta="right" c={key.margin.amountMinor < 0 ? 'red' : undefined}>
                {money(key.margin)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const cardStatusColors = {
  'checkout-pending': 'blue',
  active: 'green',
  'past-due': 'red',
  canceled: 'gray',
} as const;

/** The card payments at Stripe: their state and the last failure Stripe reported. */
export function CardBillingState({ card }: { card: CardBillingView }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <>
      <DataList labelWidth="11rem">
        <DataList.Item>
          <DataList.ItemLabel>{t('payments.details.cardStatus')}</DataList.ItemLabel>
          <DataList.ItemValue>
            <StatusBadge color={cardStatusColors[card.status]}>
              {t(`payments.cardStatus.${card.status}`)}
            </StatusBadge>
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
      {card.lastPaymentError !== null && (
        <Alert
          color="red"
          icon={<IconAlertTriangle />}
          mt="sm"
          title={t('payments.details.lastPaymentError')}
        >
          {card.lastPaymentError}
          {card.lastPaymentFailedAt !== null && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('payments.details.failedAt', { at: formatDateTime(card.lastPaymentFailedAt) })}
            </Text>
          )}
        </Alert>
      )}
    </>
  );
}

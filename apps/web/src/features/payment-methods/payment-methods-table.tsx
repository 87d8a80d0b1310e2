import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import type { PaymentMethodRow } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatNumber } from '../../app/format.ts';
import { StatusBadge } from '../../app/ui/status-badge.tsx';
import '../stripe-settings/texts.ts';

/** Settings → Stripe, where the keys that Credit Card needs are entered. */
export const stripeSettingsPath = '/admin/settings/stripe';

export function PaymentMethodsTable({
  methods,
  busyMethod,
  onActivate,
  onDeactivate,
  onConfigure,
}: {
  methods: PaymentMethodRow[];
  /** The method whose change is being saved. */
  busyMethod: PaymentMethodRow['method'] | null;
  onActivate: (row: PaymentMethodRow) => void;
  onDeactivate: (row: PaymentMethodRow) => void;
  /** Opens the Stripe keys form (the Credit Card row only: the other methods need no settings). */
  onConfigure: (row: PaymentMethodRow) => void;
}) {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="sm" aria-label={t('payments.methods.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('payments.methods.columns.method')}</Table.Th>
            <Table.Th>{t('payments.methods.columns.billingType')}</Table.Th>
            <Table.Th>{t('payments.methods.columns.status')}</Table.Th>
            <Table.Th ta="right">{t('payments.methods.columns.running')}</Table.Th>
            <Table.Th>{t('payments.methods.columns.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {methods.map((row) => {
            const method = t(`customers.paymentMethod.${row.method}`);
            return (
              <Table.Tr key={row.method}>
                <Table.Td fw={500}>{method}</Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm">{t(`payments.methods.billingType.${row.billingType}`)}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`payments.methods.billingTypeHint.${row.billingType}`)}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <StatusBadge color={row.active ? 'green' : 'gray'}>
                    {row.active ? t('payments.methods.status.active') : t('payments.methods.status.inactive')}
                  </StatusBadge>
                </Table.Td>
                <Table.Td ta="right">{formatNumber(row.runningSubscriptions)}</Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    {row.active ? (
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        aria-label={t('payments.methods.deactivateMethod', { method })}
                        onClick={() => onDeactivate(row)}
                      >
                        {t('payments.methods.deactivate')}
                      </Button>
                    ) : (
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={t('payments.methods.activateMethod', { method })}
                        disabled={row.blockedReason !== null}
                        loading={busyMethod === row.method}
                        onClick={() => onActivate(row)}
                      >
                        {t('payments.methods.activate')}
                      </Button>
                    )}
                    {row.method === 'credit-card' && (
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t('stripeKeys.configureMethod', { method })}
                        onClick={() => onConfigure(row)}
                      >
                        {t('stripeKeys.configure')}
                      </Button>
                    )}
                    {row.blockedReason !== null && (
                      <Text size="xs" c="orange">
                        {t(`errors.${row.blockedReason}`)}{' '}
                        {row.method === 'credit-card' && (
                          <Anchor component={Link} to={stripeSettingsPath} size="xs" underline="always">
                            {t('payments.methods.toStripe')}
                          </Anchor>
                        )}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

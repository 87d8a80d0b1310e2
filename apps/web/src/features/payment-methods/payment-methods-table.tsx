import { Anchor, Button, Stack, Text } from '@mantine/core';
import type { PaymentMethodRow } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatNumber } from '../../app/format.ts';
import { type ListColumn, ResponsiveList } from '../../app/ui/responsive-list.tsx';
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
  const name = (row: PaymentMethodRow) => t(`customers.paymentMethod.${row.method}`);
  const actions = (row: PaymentMethodRow) => {
    const method = name(row);
    return (
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
    );
  };
  const columns: ListColumn<PaymentMethodRow>[] = [
    {
      key: 'method',
      label: t('payments.methods.columns.method'),
      card: 'title',
      cell: (row) => (
        <Text size="sm" fw={500}>
          {name(row)}
        </Text>
      ),
    },
    {
      key: 'billingType',
      label: t('payments.methods.columns.billingType'),
      card: 'field',
      cell: (row) => (
        <Stack gap={0}>
          <Text size="sm">{t(`payments.methods.billingType.${row.billingType}`)}</Text>
          <Text size="xs" c="dimmed">
            {t(`payments.methods.billingTypeHint.${row.billingType}`)}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'status',
      label: t('payments.methods.columns.status'),
      card: 'field',
      cell: (row) => (
        <StatusBadge color={row.active ? 'green' : 'gray'}>
          {row.active ? t('payments.methods.status.active') : t('payments.methods.status.inactive')}
        </StatusBadge>
      ),
    },
    {
      key: 'running',
      label: t('payments.methods.columns.running'),
      card: 'field',
      align: 'right',
      cell: (row) => formatNumber(row.runningSubscriptions),
    },
    {
      key: 'actions',
      label: t('payments.methods.columns.actions'),
      card: 'footer',
      cell: (row) => actions(row),
    },
  ];
  return (
    <ResponsiveList
      items={methods}
      itemKey={(row) => row.method}
      columns={columns}
      label={t('payments.methods.title')}
      minWidth={760}
      tableProps={{ striped: true, highlightOnHover: false, verticalSpacing: 'sm' }}
    />
  );
}

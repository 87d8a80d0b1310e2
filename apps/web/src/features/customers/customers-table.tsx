import { Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { CustomerAction, CustomerRow, CustomerSortKey } from '@vmsp/contracts';
import { divideHalfUp } from '@vmsp/domain';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatMoney, useFormatNumber } from '../../app/format.ts';
import { type ListColumn, ResponsiveList } from '../../app/ui/responsive-list.tsx';
import { SortableTh, type SortDirection } from '../../app/ui/sortable-th.tsx';
import { StatusBadge } from '../../app/ui/status-badge.tsx';
import { NoCustomersYet } from '../onboarding/no-customers-yet.tsx';
import { CustomerActionsMenu } from './customer-actions-menu.tsx';
import { CustomerStatusLabel } from './customer-status.tsx';

interface Column {
  key: CustomerSortKey & keyof CustomerRow;
  align?: 'right';
}

const columns: Column[] = [
  { key: 'companyName' },
  { key: 'serviceMode' },
  { key: 'status' },
  { key: 'ipsInternal', align: 'right' },
  { key: 'ipsExternal', align: 'right' },
  { key: 'paymentMethod' },
  { key: 'averageIpPrice', align: 'right' },
];

export function CustomersTable({
  customers,
  sort,
  dir,
  onSort,
  onSortTo,
  onAction,
  onOpen,
  availableActions,
  busy,
  onClearSearch,
}: {
  customers: CustomerRow[];
  sort: CustomerSortKey;
  dir: SortDirection;
  onSort: (key: CustomerSortKey) => void;
  /** Sorts by a column in a direction: the cards' `Sort by` on a phone. */
  onSortTo: (key: CustomerSortKey, dir: SortDirection) => void;
  onAction: (action: CustomerAction, customer: CustomerRow) => void;
  /** Opens the customer's details: a click on the row or card, or Enter or Space while it has the focus. */
  onOpen: (customer: CustomerRow) => void;
  availableActions: ReadonlySet<CustomerAction>;
  /** The rows shown are the previous answer while the next one loads. */
  busy: boolean;
  /** While a search or filter applies: an empty list offers to clear them; without one, it has no customers yet. */
  onClearSearch?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  const formatMoney = useFormatMoney();

  const opensDetails = (customer: CustomerRow) =>
    availableActions.has('details') && customer.actions.includes('details');

  const averagePrice = (customer: CustomerRow) => {
    const average = customer.averageIpPrice;
    if (average === null || average.denominator === 0) return t('common.noValue');
    return formatMoney(divideHalfUp(average.numeratorMinor, average.denominator), average.currency);
  };

  const cells: Record<Column['key'], (customer: CustomerRow) => ReactNode> = {
    companyName: (customer) => (
      <Stack gap={0}>
        <Text size="sm" fw={500}>
          {customer.companyName}
        </Text>
        <Text size="xs" c="dimmed">
          {customer.contactEmail}
        </Text>
      </Stack>
    ),
    serviceMode: (customer) => t(`customers.serviceMode.${customer.serviceMode}`),
    status: (customer) => <CustomerStatusLabel status={customer.status} />,
    ipsInternal: (customer) => formatNumber(customer.ipsInternal),
    ipsExternal: (customer) => formatNumber(customer.ipsExternal),
    paymentMethod: (customer) => (
      <Group gap={6} wrap="nowrap">
        {t(`customers.paymentMethod.${customer.paymentMethod}`)}
        {customer.paymentFailed && <StatusBadge color="red">{t('payments.paymentFailed')}</StatusBadge>}
      </Group>
    ),
    averageIpPrice: averagePrice,
  };
  const listColumns: ListColumn<CustomerRow>[] = [
    ...columns.map(
      (column): ListColumn<CustomerRow> => ({
        key: column.key,
        label: t(`customers.columns.${column.key}`),
        cell: cells[column.key],
        card: column.key === 'companyName' ? 'title' : 'field',
        sortable: true,
        ...(column.align ? { align: column.align, noWrap: true } : {}),
        th: (
          <SortableTh
            key={column.key}
            direction={sort === column.key ? dir : null}
            onSort={() => onSort(column.key)}
            align={column.align}
          >
            {t(`customers.columns.${column.key}`)}
          </SortableTh>
        ),
      }),
    ),
    {
      key: 'actions',
      label: t('customers.columns.actions'),
      card: 'actions',
      th: (
        <Table.Th key="actions" w={48}>
          <VisuallyHidden>{t('customers.columns.actions')}</VisuallyHidden>
        </Table.Th>
      ),
      cell: (customer) => (
        <CustomerActionsMenu customer={customer} onAction={onAction} available={availableActions} />
      ),
    },
  ];

  return (
    <ResponsiveList
      items={customers}
      itemKey={(customer) => customer.id}
      columns={listColumns}
      minWidth={1000}
      onOpen={onOpen}
      canOpen={opensDetails}
      // The keys offered are the columns' own sort keys.
      sort={{ key: sort, dir, onChange: (key, to) => onSortTo(key as CustomerSortKey, to) }}
      tableProps={{
        verticalSpacing: 'xs',
        'aria-busy': busy,
        style: { opacity: busy ? 0.6 : 1, transition: 'opacity 150ms' },
      }}
      empty={
        <Stack align="center" gap="xs" py="md">
          {onClearSearch ? (
            <>
              <Text c="dimmed">{t('customers.empty')}</Text>
              <Button variant="light" size="xs" onClick={onClearSearch}>
                {t('customers.clearSearch')}
              </Button>
            </>
          ) : (
            <NoCustomersYet />
          )}
        </Stack>
      }
    />
  );
}

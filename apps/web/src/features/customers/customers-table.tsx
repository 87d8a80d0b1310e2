import { Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { CustomerAction, CustomerRow, CustomerSortKey } from '@vmsp/contracts';
import { divideHalfUp } from '@vmsp/domain';
import { useTranslation } from 'react-i18next';
import { useFormatMoney, useFormatNumber } from '../../app/format.ts';
import { SortableTh, type SortDirection } from '../../app/ui/sortable-th.tsx';
import { StatusBadge } from '../../app/ui/status-badge.tsx';
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
  onAction,
  availableActions,
  busy,
}: {
  customers: CustomerRow[];
  sort: CustomerSortKey;
  dir: SortDirection;
  onSort: (key: CustomerSortKey) => void;
  onAction: (action: CustomerAction, customer: CustomerRow) => void;
  availableActions: ReadonlySet<CustomerAction>;
  /** The rows shown are the previous answer while the next one loads. */
  busy: boolean;
}) {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  const formatMoney = useFormatMoney();

  const averagePrice = (customer: CustomerRow) => {
    const average = customer.averageIpPrice;
    if (average === null || average.denominator === 0) return t('common.noValue');
    return formatMoney(divideHalfUp(average.numeratorMinor, average.denominator), average.currency);
  };

  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table
        striped
        highlightOnHover
        verticalSpacing="xs"
        aria-busy={busy}
        style={{ opacity: busy ? 0.6 : 1, transition: 'opacity 150ms' }}
      >
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <SortableTh
                key={column.key}
                direction={sort === column.key ? dir : null}
                onSort={() => onSort(column.key)}
                align={column.align}
              >
                {t(`customers.columns.${column.key}`)}
              </SortableTh>
            ))}
            <Table.Th w={48}>
              <VisuallyHidden>{t('customers.columns.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {customers.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length + 1}>
                <Text c="dimmed" py="md" ta="center">
                  {t('customers.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {customers.map((customer) => (
            <Table.Tr key={customer.id}>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {customer.companyName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {customer.contactEmail}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>{t(`customers.serviceMode.${customer.serviceMode}`)}</Table.Td>
              <Table.Td>
                <CustomerStatusLabel status={customer.status} />
              </Table.Td>
              <Table.Td ta="right">{formatNumber(customer.ipsInternal)}</Table.Td>
              <Table.Td ta="right">{formatNumber(customer.ipsExternal)}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  {t(`customers.paymentMethod.${customer.paymentMethod}`)}
                  {customer.paymentFailed && (
                    <StatusBadge color="red">{t('payments.paymentFailed')}</StatusBadge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {averagePrice(customer)}
              </Table.Td>
              <Table.Td>
                <CustomerActionsMenu customer={customer} onAction={onAction} available={availableActions} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

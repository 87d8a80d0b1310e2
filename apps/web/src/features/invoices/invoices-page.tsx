import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { InvoiceListResponse } from '@vmsp/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormatMoney } from '../../app/format.ts';
import { useChangeSearchParams } from '../../app/search-params.ts';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { Pager } from '../../app/ui/pager.tsx';
import { ExportMenu } from './export-menu.tsx';
import { InvoiceDetailsDrawer } from './invoice-details-drawer.tsx';
import { type FilterChanges, InvoiceFilters } from './invoice-filters.tsx';
import { INVOICE_PAGE_SIZE, listFilterOf, readInvoiceListState } from './invoice-list-params.ts';
import { useInvoiceList } from './invoices-api.ts';
import { InvoicesTable } from './invoices-table.tsx';
import './texts.ts';

/**
 * `Invoices` (Billing): the portal's invoices and credit notes, filtered on the server by month, status, type,
 * customer and a search; the filtered list's totals; the details of one; the month's exports. All of the
 * state is in the URL.
 */
export default function InvoicesPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const changeParams = useChangeSearchParams();
  const state = readInvoiceListState(searchParams);
  const list = useInvoiceList(listFilterOf(state));

  // A filter change goes back to the first page.
  const updateFilter = (changes: FilterChanges, options?: { replace: boolean }) =>
    changeParams({ ...changes, page: undefined }, options);
  const setPage = (page: number) => changeParams({ page: String(page) });
  const showInvoice = (id: string | undefined) => changeParams({ invoice: id });

  const customerName =
    state.customerId === undefined
      ? undefined
      : list.data?.items.find((item) => item.customerId === state.customerId)?.customerName;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{t('invoices.title')}</Title>
        <ExportMenu
          month={state.month}
          documentsPending={list.data?.items.some((item) => !item.documentsReady) ?? false}
        />
      </Group>
      <InvoiceFilters state={state} customerName={customerName} onChange={updateFilter} />
      {list.isPending && <PageLoader />}
      {list.isError && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <>
          <ListTotals list={list.data} />
          <InvoicesTable invoices={list.data.items} onOpen={showInvoice} busy={list.isPlaceholderData} />
          <Pager
            page={state.page}
            pageSize={INVOICE_PAGE_SIZE}
            total={list.data.total}
            showRange
            onChange={setPage}
          />
        </>
      )}
      {state.invoice !== undefined && (
        <InvoiceDetailsDrawer
          id={state.invoice}
          onOpen={showInvoice}
          onClose={() => showInvoice(undefined)}
        />
      )}
    </Stack>
  );
}

/** Net, VAT and gross over every invoice the filter matches (all pages; credit notes count negative). */
function ListTotals({ list }: { list: InvoiceListResponse }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const id = useId();
  const amounts = [
    { key: 'net', label: t('invoices.columns.net'), value: list.totals.netMinor },
    { key: 'vat', label: t('invoices.columns.vat'), value: list.totals.vatMinor },
    { key: 'gross', label: t('invoices.columns.gross'), value: list.totals.grossMinor },
  ];
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={id}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={0}>
          <Text fw={600} size="sm" id={id}>
            {t('invoices.totals.title')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('invoices.totals.hint')}
          </Text>
        </Stack>
        <SimpleGrid cols={3} spacing="xl" component="dl" m={0}>
          {amounts.map((amount) => (
            <div key={amount.key}>
              <Text component="dt" size="xs" c="dimmed">
                {amount.label}
              </Text>
              <Text component="dd" m={0} fw={amount.key === 'gross' ? 700 : 500}>
                {formatMoney(amount.value, list.currency)}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      </Group>
    </Paper>
  );
}

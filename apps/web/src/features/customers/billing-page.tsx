import { Button, Group, Stack, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBraces, IconFileSpreadsheet, IconSearch } from '@tabler/icons-react';
import type { CustomerAction, CustomerRow, CustomerSortKey } from '@vmsp/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DownloadMenu } from '../../app/ui/download-menu.tsx';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { Pager } from '../../app/ui/pager.tsx';
import { InvoicingNotice } from '../company-settings/invoicing-notice.tsx';
import { AddProjectKeyWizard } from '../project-keys/add-project-key-wizard.tsx';
import { ChangeMainUserModal } from './change-main-user-modal.tsx';
import { ConvertToManagedModal } from './convert-to-managed-modal.tsx';
import { CreateCustomerModal } from './create-customer-modal.tsx';
import { CustomerDetailsDrawer } from './customer-details-drawer.tsx';
import { AddFilterButton, FilterChips } from './customer-filter.tsx';
import {
  type CustomerFilterState,
  type CustomerListState,
  filterFields,
  listSearchParams,
  PAGE_SIZES,
  readListState,
} from './customer-list-params.ts';
import { exportUrl, useCustomerPage } from './customers-api.ts';
import { CustomersTable } from './customers-table.tsx';
import { DeleteCustomerModal } from './delete-customer-modal.tsx';
import { EditAddressModal } from './edit-address-modal.tsx';
import { IpDistributionModal } from './ip-distribution-modal.tsx';
import { ResendInvitationModal } from './resend-invitation-modal.tsx';

const SEARCH_DEBOUNCE_MS = 300;
const spreadsheet = <IconFileSpreadsheet size={16} />;

/** The row actions this app carries out so far; the menu offers no others even when the server lists them. */
const handledActions: ReadonlySet<CustomerAction> = new Set([
  'convert-to-managed',
  'ip-distribution',
  'resend-invitation',
  'details',
  'add-project-key',
  'edit-address',
  'change-main-user',
  'delete',
]);

function currentListState(): CustomerListState {
  return readListState(new URLSearchParams(window.location.search));
}

type OpenAction = { action: CustomerAction; customer: CustomerRow } | null;

/** `Billing`: every customer, filtered, searched, sorted and paged; all of that in the URL. */
export default function BillingPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readListState(searchParams);
  const customers = useCustomerPage(state);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<OpenAction>(null);

  // The list state as the address bar has it now, and a way to change it. Changes start from the address
  // bar, not from this render's copy: clicks can come faster than renders (a navigation renders in a
  // transition), and a second click must not undo the first.
  const setParams = useRef(setSearchParams);
  useEffect(() => {
    setParams.current = setSearchParams;
  });
  /** A change of anything but the page starts at the first page again. */
  const update = (
    changes: Partial<CustomerListState> | ((now: CustomerListState) => Partial<CustomerListState>),
  ) => {
    const now = currentListState();
    const changed = typeof changes === 'function' ? changes(now) : changes;
    setParams.current(listSearchParams({ ...now, page: 1, ...changed }));
  };

  // The search box types freely; the URL (and so the query) follows once typing pauses. Only a new
  // debounced value writes: the URL's own changes (back button, a bookmark, a filter) must not re-run it.
  const [searchText, setSearchText] = useState(state.q);
  const [debouncedSearch] = useDebouncedValue(searchText.trim(), SEARCH_DEBOUNCE_MS);
  useEffect(() => {
    const now = currentListState();
    if (now.q !== debouncedSearch) {
      setParams.current(listSearchParams({ ...now, q: debouncedSearch, page: 1 }), { replace: true });
    }
  }, [debouncedSearch]);
  // …and the box follows the URL when that changes otherwise (not when it is our own write, which would
  // throw away what was typed since).
  const [shownQ, setShownQ] = useState(state.q);
  if (shownQ !== state.q) {
    setShownQ(state.q);
    if (state.q !== debouncedSearch) setSearchText(state.q);
  }

  const sortBy = (key: CustomerSortKey) =>
    update((now) => ({ sort: key, dir: now.sort === key && now.dir === 'asc' ? 'desc' : 'asc' }));
  const filter: CustomerFilterState = {
    paymentMethod: state.paymentMethod,
    serviceMode: state.serviceMode,
    status: state.status,
  };
  // The export takes what the list shows: its filters and search.
  const listed = { ...filter, q: state.q };
  const searching = state.q !== '' || filterFields.some((field) => filter[field].length > 0);
  const clearSearch = () => {
    setSearchText('');
    update({ q: '', paymentMethod: [], serviceMode: [], status: [] });
  };
  const close = () => setOpen(null);
  // `?customer=<id>` opens that customer's details, so that other pages (the Audit Log) can link to them.
  const linked = searchParams.get('customer');
  const closeLinked = () => setParams.current(listSearchParams(currentListState()));

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('customers.title')}</Title>
        <Button onClick={() => setCreating(true)}>{t('customers.newCustomer')}</Button>
      </Group>
      <InvoicingNotice />

      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <TextInput
            label={t('customers.search')}
            placeholder={t('customers.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            type="search"
            w={300}
            value={searchText}
            onChange={(event) => setSearchText(event.currentTarget.value)}
          />
          <AddFilterButton filter={filter} onApply={(next) => update(next)} />
        </Group>
        <DownloadMenu
          button={t('customers.export')}
          label={t('customers.exportHint')}
          items={[
            { text: t('customers.exportCsvComma'), href: exportUrl(listed, 'csv'), icon: spreadsheet },
            {
              text: t('customers.exportCsvSemicolon'),
              href: exportUrl(listed, 'csv', 'semicolon'),
              icon: spreadsheet,
            },
            {
              text: t('customers.exportJson'),
              href: exportUrl(listed, 'json'),
              icon: <IconBraces size={16} />,
            },
          ]}
        />
      </Group>

      <FilterChips
        filter={filter}
        onRemove={(field, value) => update((now) => ({ [field]: now[field].filter((v) => v !== value) }))}
        onClear={() => update({ paymentMethod: [], serviceMode: [], status: [] })}
      />

      {customers.isPending && <PageLoader />}
      {customers.isError && <LoadError error={customers.error} onRetry={() => void customers.refetch()} />}
      {customers.data && (
        <>
          <CustomersTable
            customers={customers.data.items}
            sort={state.sort}
            dir={state.dir}
            onSort={sortBy}
            onSortTo={(sort, dir) => update({ sort, dir })}
            onAction={(action, customer) => setOpen({ action, customer })}
            onOpen={(customer) => setOpen({ action: 'details', customer })}
            availableActions={handledActions}
            busy={customers.isPlaceholderData}
            onClearSearch={searching ? clearSearch : undefined}
          />
          <Pager
            page={state.page}
            pageSize={state.pageSize}
            total={customers.data.total}
            showRange
            pageSizes={PAGE_SIZES}
            onChange={(page) => update({ page })}
            onPageSizeChange={(pageSize) => update({ pageSize })}
          />
        </>
      )}

      {creating && <CreateCustomerModal onClose={() => setCreating(false)} />}
      {open?.action === 'details' && <CustomerDetailsDrawer customer={open.customer} onClose={close} />}
      {linked && <CustomerDetailsDrawer customer={{ id: linked, companyName: '' }} onClose={closeLinked} />}
      {open?.action === 'edit-address' && <EditAddressModal customer={open.customer} onClose={close} />}
      {open?.action === 'resend-invitation' && (
        <ResendInvitationModal customer={open.customer} onClose={close} />
      )}
      {open?.action === 'ip-distribution' && <IpDistributionModal customer={open.customer} onClose={close} />}
      {open?.action === 'add-project-key' && <AddProjectKeyWizard customer={open.customer} onClose={close} />}
      {open?.action === 'convert-to-managed' && (
        <ConvertToManagedModal customer={open.customer} onClose={close} />
      )}
      {open?.action === 'change-main-user' && (
        <ChangeMainUserModal customer={open.customer} onClose={close} />
      )}
      {open?.action === 'delete' && <DeleteCustomerModal customer={open.customer} onClose={close} />}
    </Stack>
  );
}

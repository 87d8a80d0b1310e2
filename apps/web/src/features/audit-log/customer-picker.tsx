import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomerName, useCustomerSearch } from './audit-log-api.ts';
import './texts.ts';

const SEARCH_DEBOUNCE_MS = 300;

/**
 * The customer filter: type part of a company name, pick the customer from the Billing list's own search.
 * The server searches; the field shows its answers as they are.
 */
export function CustomerPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const chosenName = useCustomerName(value);
  const [searchText, setSearchText] = useState('');
  const [debounced] = useDebouncedValue(searchText.trim(), SEARCH_DEBOUNCE_MS);
  // Typing the chosen customer's name again (the field shows it) needs no search.
  const search = useCustomerSearch(debounced === chosenName ? '' : debounced);
  const options = (search.data?.items ?? []).map((c) => ({ value: c.id, label: c.companyName }));
  if (value && chosenName && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: chosenName });
  }
  return (
    <Select
      label={t('auditLog.filters.customer')}
      placeholder={t('auditLog.filters.customerPlaceholder')}
      leftSection={<IconSearch size={16} />}
      w={260}
      searchable
      clearable
      data={options}
      value={value || null}
      searchValue={searchText}
      onSearchChange={setSearchText}
      onChange={(id) => onChange(id ?? '')}
      filter={({ options: all }) => all}
      nothingFoundMessage={debounced && !search.isFetching ? t('auditLog.filters.noCustomers') : undefined}
    />
  );
}

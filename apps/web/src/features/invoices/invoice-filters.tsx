import { CloseButton, Group, NativeSelect, Pill, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { InvoiceKind, InvoiceStatus } from '@vmsp/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBillingTimeZone } from '../subscriptions/subscriptions-api.ts';
import { monthsUpTo, todayIn, useFormatMonth } from './invoice-format.ts';
import type { InvoiceListState } from './invoice-list-params.ts';
import './texts.ts';

const SEARCH_DEBOUNCE_MS = 300;
/** Three years of months to choose from; an older month still works from the URL. */
const MONTHS_OFFERED = 36;

export type FilterChanges = Partial<Record<'month' | 'status' | 'kind' | 'q' | 'customerId', string>>;

/**
 * Month, status, type and a search by number or customer. The search box types freely; the URL (and so the
 * query) follows once typing pauses, and the box follows the URL when that changes otherwise (back button).
 */
export function InvoiceFilters({
  state,
  customerName,
  onChange,
}: {
  state: InvoiceListState;
  /** The name of the customer the list is narrowed to, when it is. */
  customerName: string | undefined;
  onChange: (changes: FilterChanges, options?: { replace: boolean }) => void;
}) {
  const { t } = useTranslation();
  const formatMonth = useFormatMonth();
  const timeZone = useBillingTimeZone();
  const months = useMemo(() => {
    const recent = monthsUpTo(todayIn(timeZone), MONTHS_OFFERED);
    return state.month && !recent.includes(state.month) ? [state.month, ...recent] : recent;
  }, [timeZone, state.month]);

  const [searchText, setSearchText] = useState(state.q);
  const [debouncedSearch] = useDebouncedValue(searchText.trim(), SEARCH_DEBOUNCE_MS);
  const latest = useRef({ q: state.q, onChange });
  useEffect(() => {
    latest.current = { q: state.q, onChange };
  });
  useEffect(() => {
    if (latest.current.q !== debouncedSearch)
      latest.current.onChange({ q: debouncedSearch }, { replace: true });
  }, [debouncedSearch]);
  const [shownQ, setShownQ] = useState(state.q);
  if (shownQ !== state.q) {
    setShownQ(state.q);
    if (state.q !== debouncedSearch) setSearchText(state.q);
  }

  return (
    <Group align="flex-end" role="search" aria-label={t('invoices.filters.label')}>
      <NativeSelect
        label={t('invoices.filters.month')}
        value={state.month ?? ''}
        onChange={(event) => onChange({ month: event.currentTarget.value })}
        data={[
          { value: '', label: t('invoices.filters.allMonths') },
          ...months.map((month) => ({ value: month, label: formatMonth(month) })),
        ]}
      />
      <NativeSelect
        label={t('invoices.filters.status')}
        value={state.status ?? ''}
        onChange={(event) => onChange({ status: event.currentTarget.value })}
        data={[
          { value: '', label: t('common.all') },
          ...InvoiceStatus.options.map((value) => ({ value, label: t(`invoices.status.${value}`) })),
        ]}
      />
      <NativeSelect
        label={t('invoices.filters.kind')}
        value={state.kind ?? ''}
        onChange={(event) => onChange({ kind: event.currentTarget.value })}
        data={[
          { value: '', label: t('common.all') },
          ...InvoiceKind.options.map((value) => ({ value, label: t(`invoices.kind.${value}`) })),
        ]}
      />
      <TextInput
        label={t('invoices.filters.search')}
        placeholder={t('invoices.filters.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        type="search"
        w={280}
        value={searchText}
        onChange={(event) => setSearchText(event.currentTarget.value)}
      />
      {state.customerId !== undefined && (
        <Pill size="lg" mb={4}>
          <Group gap={4} wrap="nowrap">
            {t('invoices.filters.customer', { name: customerName ?? state.customerId })}
            <CloseButton
              size="sm"
              aria-label={t('invoices.filters.removeCustomer')}
              onClick={() => onChange({ customerId: '' })}
            />
          </Group>
        </Pill>
      )}
    </Group>
  );
}

import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { AUDIT_ACTIONS } from '@vmsp/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdmins } from '../admins/admins-api.ts';
import type { AuditFilterState } from './audit-log-api.ts';
import { actionText } from './audit-sentence.ts';
import { CustomerPicker } from './customer-picker.tsx';
import './texts.ts';

export const NO_FILTER: AuditFilterState = { action: '', customerId: '', actorId: '', from: '', to: '' };

export type FilterChanges =
  | Partial<AuditFilterState>
  | ((now: AuditFilterState) => Partial<AuditFilterState>);

/** A new first or last day; a range turned around by it becomes that one day, so that it stays a range. */
function withDay(filter: AuditFilterState, name: 'from' | 'to', day: string): Partial<AuditFilterState> {
  const other = name === 'from' ? filter.to : filter.from;
  const inverted = day && other && (name === 'from' ? day > other : day < other);
  return inverted ? { from: day, to: day } : { [name]: day };
}

/** Action, customer, administrator and days; each change applies at once. */
export function AuditFilters({
  filter,
  onChange,
}: {
  filter: AuditFilterState;
  /** Applies the changes, or those made from the filter as it is at that moment (changes can outrun renders). */
  onChange: (changes: FilterChanges) => void;
}) {
  const { t, i18n } = useTranslation();
  const admins = useAdmins();
  const actions = useMemo(
    () =>
      AUDIT_ACTIONS.map((value) => ({ value, label: actionText(value, i18n.language)?.label ?? value })).sort(
        (a, b) => a.label.localeCompare(b.label, i18n.language),
      ),
    [i18n.language],
  );
  const adminOptions = (admins.data?.items ?? []).map((a) => ({ value: a.id, label: a.email }));
  // An administrator removed since (a bookmarked filter) is still the one filtered by.
  if (filter.actorId && admins.data && !adminOptions.some((o) => o.value === filter.actorId)) {
    adminOptions.push({ value: filter.actorId, label: t('auditLog.removedUser') });
  }
  const dayInput = (name: 'from' | 'to') => (
    <TextInput
      type="date"
      label={t(`auditLog.filters.${name}`)}
      value={filter[name]}
      onChange={(event) => {
        const day = event.currentTarget.value;
        onChange((now) => withDay(now, name, day));
      }}
    />
  );
  return (
    <Group align="flex-end" role="search" aria-label={t('auditLog.filters.label')}>
      <NativeSelect
        label={t('auditLog.filters.action')}
        value={filter.action}
        onChange={(event) => onChange({ action: event.currentTarget.value })}
        data={[{ value: '', label: t('auditLog.filters.allActions') }, ...actions]}
      />
      <CustomerPicker value={filter.customerId} onChange={(customerId) => onChange({ customerId })} />
      <NativeSelect
        label={t('auditLog.filters.admin')}
        value={filter.actorId}
        onChange={(event) => onChange({ actorId: event.currentTarget.value })}
        data={[{ value: '', label: t('auditLog.filters.allAdmins') }, ...adminOptions]}
      />
      {dayInput('from')}
      {dayInput('to')}
      <Button variant="default" onClick={() => onChange(NO_FILTER)}>
        {t('auditLog.filters.reset')}
      </Button>
    </Group>
  );
}

import {
  Badge,
  Button,
  Checkbox,
  CloseButton,
  Group,
  Popover,
  SimpleGrid,
  Stack,
  Title,
} from '@mantine/core';
import { CustomerStatus, PaymentMethod, ServiceMode } from '@vmsp/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CustomerFilterState, type FilterField, filterFields } from './customer-list-params.ts';

/** The label of a filter field and of one of its values, as the table shows them. */
function useFilterLabels() {
  const { t } = useTranslation();
  return {
    field: (field: FilterField) => t(`customers.columns.${field}`),
    value: (field: FilterField, value: string) => {
      if (field === 'paymentMethod') return t(`customers.paymentMethod.${value as PaymentMethod}`);
      if (field === 'serviceMode') return t(`customers.serviceMode.${value as ServiceMode}`);
      return t(`customers.status.${value as CustomerStatus}`);
    },
  };
}

const options: Record<FilterField, readonly string[]> = {
  paymentMethod: PaymentMethod.options,
  serviceMode: ServiceMode.options,
  status: CustomerStatus.options,
};

/** `Add Filter +` (seed §3.3): payment method, service mode and status, several values each; `Apply`. */
export function AddFilterButton({
  filter,
  onApply,
}: {
  filter: CustomerFilterState;
  onApply: (filter: CustomerFilterState) => void;
}) {
  const { t } = useTranslation();
  const labels = useFilterLabels();
  const [opened, setOpened] = useState(false);
  const [draft, setDraft] = useState<CustomerFilterState>(filter);

  const toggle = () => {
    if (!opened) setDraft(filter);
    setOpened(!opened);
  };
  const apply = () => {
    onApply(draft);
    setOpened(false);
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" shadow="md" width={520} trapFocus>
      <Popover.Target>
        <Button variant="default" onClick={toggle} aria-expanded={opened}>
          {t('customers.addFilter')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown aria-label={t('customers.filterTitle')}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            apply();
          }}
        >
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('customers.filterTitle')}
            </Title>
            <SimpleGrid cols={3} spacing="md">
              {filterFields.map((field) => (
                <Checkbox.Group
                  key={field}
                  label={labels.field(field)}
                  value={draft[field]}
                  onChange={(values) => setDraft({ ...draft, [field]: values })}
                >
                  <Stack gap={6} mt={6}>
                    {options[field].map((value) => (
                      <Checkbox key={value} value={value} label={labels.value(field, value)} />
                    ))}
                  </Stack>
                </Checkbox.Group>
              ))}
            </SimpleGrid>
            <Group justify="flex-end">
              <Button type="submit">{t('customers.apply')}</Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}

/** The applied filters, each removable. */
export function FilterChips({
  filter,
  onRemove,
  onClear,
}: {
  filter: CustomerFilterState;
  onRemove: (field: FilterField, value: string) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const labels = useFilterLabels();
  const chips = filterFields.flatMap((field) =>
    filter[field].map((value) => ({
      field,
      value,
      text: `${labels.field(field)}: ${labels.value(field, value)}`,
    })),
  );
  if (chips.length === 0) return null;
  return (
    <Group gap="xs">
      <Group gap="xs" role="list" aria-label={t('customers.activeFilters')}>
        {chips.map(({ field, value, text }) => (
          <Badge
            key={`${field}:${value}`}
            role="listitem"
            variant="light"
            size="lg"
            tt="none"
            fw={500}
            pr={4}
            rightSection={
              <CloseButton
                size="xs"
                variant="transparent"
                aria-label={t('customers.removeFilter', { filter: text })}
                onClick={() => onRemove(field, value)}
              />
            }
          >
            {text}
          </Badge>
        ))}
      </Group>
      <Button variant="subtle" size="compact-sm" onClick={onClear}>
        {t('customers.clearFilters')}
      </Button>
    </Group>
  );
}

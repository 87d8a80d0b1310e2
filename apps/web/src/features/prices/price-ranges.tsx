import { Button, Group, NumberInput, TextInput } from '@mantine/core';
import { SavePriceTableRequest } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { type ListColumn, ResponsiveList } from '../../app/ui/responsive-list.tsx';
import {
  canRemove,
  canSplit,
  type DraftInput,
  fromOf,
  type PriceTableDraft,
  type RangeDraft,
  removeRange,
  splitRange,
  updateRange,
} from './price-table-draft.ts';
import type { PriceTableWording } from './price-table-editor.tsx';

/** The request's own length limits, so that the inputs never hold more than the server takes. */
const requestRange = SavePriceTableRequest.shape.ranges.element.shape;

interface Range {
  index: number;
  range: RangeDraft;
}

/**
 * The draft's ranges: a table on wide screens, a card per range on phones. From is shown, not edited, since it
 * follows the previous To (ranges stay contiguous by construction). Each input is named after its range
 * ("To of range 2") for screen readers and tests.
 */
export function PriceRanges({
  draft,
  wording,
  errorAt,
  onChange,
}: {
  draft: PriceTableDraft;
  wording: PriceTableWording;
  errorAt: (input: DraftInput) => string | undefined;
  onChange: (draft: PriceTableDraft) => void;
}) {
  const { t } = useTranslation();
  const named = (index: number, field: 'to' | 'articleName' | 'articleNumber' | 'unitPrice') => ({
    'aria-label':
      field === 'unitPrice'
        ? wording.unitPriceOf(index + 1)
        : t(`prices.editor.rangeInputs.${field}`, { number: index + 1 }),
    error: errorAt(`ranges.${index}.${field}`),
  });
  const change = (index: number, range: Partial<RangeDraft>) => onChange(updateRange(draft, index, range));
  const text = (field: 'articleName' | 'articleNumber' | 'unitPrice', width?: number): ListColumn<Range> => ({
    key: field,
    label: field === 'unitPrice' ? wording.unitPrice : t(`prices.editor.columns.${field}`),
    card: 'field',
    cell: ({ index, range }) => (
      <TextInput
        {...named(index, field)}
        w={width}
        maw="100%"
        {...(field === 'unitPrice' ? { inputMode: 'decimal' as const } : {})}
        maxLength={requestRange[field].maxLength ?? undefined}
        value={range[field]}
        onChange={(event) => change(index, { [field]: event.currentTarget.value })}
      />
    ),
  });
  const columns: ListColumn<Range>[] = [
    {
      key: 'from',
      label: t('prices.editor.columns.from'),
      card: 'field',
      cell: ({ index }) => fromOf(draft.ranges, index) ?? t('common.noValue'),
    },
    {
      key: 'to',
      label: t('prices.editor.columns.to'),
      card: 'field',
      cell: ({ index, range }) => (
        <NumberInput
          {...named(index, 'to')}
          w={110}
          min={1}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          value={range.to ?? ''}
          // NumberInput reports a string while its text is no number (empty): the draft holds null then.
          onChange={(value) => change(index, { to: typeof value === 'number' ? value : null })}
        />
      ),
    },
    text('articleName'),
    text('articleNumber', 140),
    text('unitPrice', 140),
    {
      key: 'actions',
      label: t('prices.editor.columns.actions'),
      card: 'footer',
      cell: ({ index }) => (
        <Group gap={4} wrap="nowrap">
          <Button
            size="xs"
            variant="subtle"
            aria-label={t('prices.editor.splitRange', { number: index + 1 })}
            disabled={!canSplit(draft, index)}
            onClick={() => onChange(splitRange(draft, index))}
          >
            {t('prices.editor.split')}
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            aria-label={t('prices.editor.removeRange', { number: index + 1 })}
            disabled={!canRemove(draft)}
            onClick={() => onChange(removeRange(draft, index))}
          >
            {t('prices.editor.remove')}
          </Button>
        </Group>
      ),
    },
  ];
  return (
    <ResponsiveList
      // A range is its place in the table (From, labels and problem paths follow the index).
      items={draft.ranges.map((range, index) => ({ index, range }))}
      itemKey={({ index }) => String(index)}
      columns={columns}
      label={t('prices.editor.label')}
      minWidth={760}
      tableProps={{ striped: false, highlightOnHover: false, verticalSpacing: 'xs' }}
    />
  );
}

import { Alert, Button, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconPlus } from '@tabler/icons-react';
import { type PriceVersion, SavePriceTableRequest } from '@vmsp/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { useUnsavedChanges } from '../../app/unsaved-changes.tsx';
import { PricePreview } from './price-preview.tsx';
import {
  addRange,
  canRemove,
  canSplit,
  checkDraft,
  type DraftInput,
  type DraftProblem,
  fromOf,
  initialDraft,
  inputOf,
  type PriceTableDraft,
  type RangeDraft,
  removeRange,
  sameDraft,
  saveRequest,
  splitRange,
  updateRange,
} from './price-table-draft.ts';

/** The request's own length limits, so that the inputs never hold more than the server takes. */
const requestRange = SavePriceTableRequest.shape.ranges.element.shape;

/**
 * The words that differ between the price tables this editor edits (the sales table under Self-Service, the
 * purchase table under Settings): everything that names the kind of price or the table.
 */
export interface PriceTableWording {
  /** Shown while no version is saved: what is missing without one. */
  noTable: string;
  /** The price column's header. */
  unitPrice: string;
  /** The price input of range `number`, for screen readers and tests. */
  unitPriceOf: (number: number) => string;
  /** An empty price. */
  priceMissing: string;
  /** Someone saved a newer version meanwhile. */
  conflict: string;
  reload: string;
}

/** The sales price table's words, the editor's default. */
export function useSalesPriceWording(): PriceTableWording {
  const { t } = useTranslation();
  return {
    noTable: t('prices.editor.noTable'),
    unitPrice: t('prices.editor.columns.unitPrice'),
    unitPriceOf: (number) => t('prices.editor.rangeInputs.unitPrice', { number }),
    priceMissing: t('prices.money.empty'),
    conflict: t('prices.editor.conflict'),
    reload: t('prices.editor.reload'),
  };
}

function useProblemText(wording: PriceTableWording): (problem: DraftProblem) => string {
  const { t } = useTranslation();
  return (problem) => {
    switch (problem.kind) {
      case 'currency':
        return t('prices.currencyInvalid');
      case 'money':
        return problem.reason === 'empty' ? wording.priceMissing : t(`prices.money.${problem.reason}`);
      case 'table':
        return t(`prices.problems.${problem.rule}`);
    }
  };
}

/**
 * `Price table`: the ranges with their article and price, `Add range`, `Split`, `Remove`, the currency,
 * a price preview and `Save`. Problems are shown at their input while the admin edits, by the server's rules;
 * the server's own answer to `Save` is shown at the input it names. Remount it (key) when `current` changes:
 * it edits that version, and a save is refused when someone saved a newer one meanwhile. `wording` names the
 * kind of price (the sales table's by default), so that the purchase price table is edited by the same rules.
 */
export function PriceTableEditor({
  current,
  onSave,
  saving,
  error,
  onReload,
  wording: wordingProp,
}: {
  /** The newest version, null before the first save. */
  current: PriceVersion | null;
  onSave: (request: SavePriceTableRequest) => void;
  saving: boolean;
  /** The server's answer to the last `Save`. */
  error: unknown;
  /** Loads the newest version after a conflict, dropping this draft. */
  onReload: () => void;
  wording?: PriceTableWording;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const salesWording = useSalesPriceWording();
  const wording = wordingProp ?? salesWording;
  const problemText = useProblemText(wording);
  const [initial] = useState(() => initialDraft(current));
  const [draft, setDraft] = useState(initial);
  // A field error of the server concerns the draft it was sent; it goes when the draft changes.
  const [submitted, setSubmitted] = useState<PriceTableDraft | null>(null);

  const changed = !sameDraft(draft, initial);
  const leavePrompt = useUnsavedChanges(changed);
  const { problems, table } = checkDraft(draft);
  const serverError = isApiError(error) ? error : null;
  const serverInput = serverError?.field === undefined ? null : inputOf(serverError.field);

  // Problems show once the admin has changed something: not on the empty first range of a new table.
  const errorAt = (input: DraftInput) => {
    if (serverInput === input && submitted === draft) return message(error);
    const problem = problems.get(input);
    return changed && problem ? problemText(problem) : undefined;
  };

  const save = () => {
    if (!table) return;
    setSubmitted(draft);
    onSave(saveRequest(draft, table, current?.version ?? null));
  };

  const tableError = errorAt('ranges');
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <Stack>
        {!current && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle />}>
            {wording.noTable}
          </Alert>
        )}
        {error !== null && error !== undefined && serverInput === null && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {isApiError(error, 'CONFLICT') ? (
              <Stack gap="sm" align="flex-start">
                {wording.conflict}
                <Button variant="light" color="red" size="xs" onClick={onReload}>
                  {wording.reload}
                </Button>
              </Stack>
            ) : (
              message(error)
            )}
          </Alert>
        )}
        <TextInput
          label={t('prices.editor.currency')}
          description={t('prices.editor.currencyHint')}
          w={200}
          maxLength={3}
          value={draft.currency}
          onChange={(event) => setDraft({ ...draft, currency: event.currentTarget.value.toUpperCase() })}
          error={errorAt('currency')}
        />
        <Table.ScrollContainer minWidth={760}>
          <Table aria-label={t('prices.editor.label')} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('prices.editor.columns.from')}</Table.Th>
                <Table.Th>{t('prices.editor.columns.to')}</Table.Th>
                <Table.Th>{t('prices.editor.columns.articleName')}</Table.Th>
                <Table.Th>{t('prices.editor.columns.articleNumber')}</Table.Th>
                <Table.Th>{wording.unitPrice}</Table.Th>
                <Table.Th>{t('prices.editor.columns.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {draft.ranges.map((range, index) => (
                <RangeRow
                  // biome-ignore lint/suspicious/noArrayIndexKey: a range is its place in the table (From, labels and problem paths follow the index)
                  key={index}
                  index={index}
                  from={fromOf(draft.ranges, index)}
                  range={range}
                  errorAt={errorAt}
                  unitPriceLabel={wording.unitPriceOf(index + 1)}
                  onChange={(change) => setDraft(updateRange(draft, index, change))}
                  onSplit={canSplit(draft, index) ? () => setDraft(splitRange(draft, index)) : null}
                  onRemove={canRemove(draft) ? () => setDraft(removeRange(draft, index)) : null}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed">
          {t('prices.editor.fromHint')}
        </Text>
        {tableError && (
          <Text size="sm" c="red" role="alert">
            {tableError}
          </Text>
        )}
        {changed && !table && (
          <Text size="sm" c="red" role="alert">
            {t('prices.editor.fixProblems')}
          </Text>
        )}
        <Group justify="space-between">
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={() => setDraft(addRange(draft))}
          >
            {t('prices.editor.addRange')}
          </Button>
          {/* Save is offered only for a changed table the server would take. */}
          <Button type="submit" disabled={!changed || !table} loading={saving}>
            {t('prices.editor.save')}
          </Button>
        </Group>
        <PricePreview table={table} />
      </Stack>
      {leavePrompt}
    </form>
  );
}

/**
 * One range: From is shown, not edited, since it follows the previous To (ranges stay contiguous by
 * construction). Each input is named after its range ("To of range 2") for screen readers and tests.
 */
function RangeRow({
  index,
  from,
  range,
  errorAt,
  unitPriceLabel,
  onChange,
  onSplit,
  onRemove,
}: {
  index: number;
  from: number | null;
  range: RangeDraft;
  errorAt: (input: DraftInput) => string | undefined;
  unitPriceLabel: string;
  onChange: (change: Partial<RangeDraft>) => void;
  /** null when the range cannot be split (fewer than two IPs) or removed (the only range). */
  onSplit: (() => void) | null;
  onRemove: (() => void) | null;
}) {
  const { t } = useTranslation();
  const number = index + 1;
  const named = (field: 'to' | 'articleName' | 'articleNumber' | 'unitPrice') => ({
    'aria-label':
      field === 'unitPrice' ? unitPriceLabel : t(`prices.editor.rangeInputs.${field}`, { number }),
    error: errorAt(`ranges.${index}.${field}`),
  });
  return (
    <Table.Tr>
      <Table.Td>{from ?? t('common.noValue')}</Table.Td>
      <Table.Td>
        <NumberInput
          {...named('to')}
          w={110}
          min={1}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          value={range.to ?? ''}
          // NumberInput reports a string while its text is no number (empty): the draft holds null then.
          onChange={(value) => onChange({ to: typeof value === 'number' ? value : null })}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          {...named('articleName')}
          maxLength={requestRange.articleName.maxLength ?? undefined}
          value={range.articleName}
          onChange={(event) => onChange({ articleName: event.currentTarget.value })}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          {...named('articleNumber')}
          w={140}
          maxLength={requestRange.articleNumber.maxLength ?? undefined}
          value={range.articleNumber}
          onChange={(event) => onChange({ articleNumber: event.currentTarget.value })}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          {...named('unitPrice')}
          w={140}
          inputMode="decimal"
          maxLength={requestRange.unitPrice.maxLength ?? undefined}
          value={range.unitPrice}
          onChange={(event) => onChange({ unitPrice: event.currentTarget.value })}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button
            size="xs"
            variant="subtle"
            aria-label={t('prices.editor.splitRange', { number })}
            disabled={!onSplit}
            onClick={onSplit ?? undefined}
          >
            {t('prices.editor.split')}
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            aria-label={t('prices.editor.removeRange', { number })}
            disabled={!onRemove}
            onClick={onRemove ?? undefined}
          >
            {t('prices.editor.remove')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

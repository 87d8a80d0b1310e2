import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconPlus } from '@tabler/icons-react';
import type { PriceVersion, SavePriceTableRequest } from '@vmsp/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { useUnsavedChanges } from '../../app/unsaved-changes.tsx';
import { PricePreview } from './price-preview.tsx';
import { PriceRanges } from './price-ranges.tsx';
import {
  addRange,
  checkDraft,
  type DraftInput,
  type DraftProblem,
  initialDraft,
  inputOf,
  type PriceTableDraft,
  sameDraft,
  saveRequest,
} from './price-table-draft.ts';

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
        <PriceRanges draft={draft} wording={wording} errorAt={errorAt} onChange={setDraft} />
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

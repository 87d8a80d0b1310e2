import { Alert, Button, Checkbox, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import type { PendingChange, PriceVersion, SubscriptionPeriod } from '@vmsp/contracts';
import { type DistributionField, type DistributionProblem, graduatedPrice, maxIps } from '@vmsp/domain';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { useFormatBillingDate } from './billing-date.ts';
import {
  type Distribution,
  type DistributionDraft,
  draftProblems,
  initialDraft,
  type PlannedChange,
  planChange,
  validDistribution,
  withTotal,
} from './ip-distribution.ts';
import { countOf, IpSplitFields } from './ip-split-fields.tsx';
import { MonthlyPrice } from './monthly-price.tsx';
import { useBillingTimeZone } from './subscriptions-api.ts';

export type IpDistributionChange = Distribution & { instant: boolean };

const fields: readonly DistributionField[] = ['total', 'internal', 'external'];

/**
 * `IP Distribution` (R-3.4, and the portal's ): `Total IP's`, a slider and two inputs that split it between
 * internal and external and always add up, the price the new subscription will cost (by the very function the
 * server bills with), `Perform action instantly`, what `Save` will do, and `Save`.
 * Remount it (key) when the subscription it was opened with changes.
 */
export function IpDistributionForm({
  current,
  pending,
  priceTable,
  onSubmit,
  busy,
  error,
  onCancel,
  allowUnchanged = false,
}: {
  current: SubscriptionPeriod | null;
  pending: PendingChange | null;
  /** The newest price table: new changes are priced with it. */
  priceTable: PriceVersion;
  onSubmit: (change: IpDistributionChange) => void;
  busy: boolean;
  /** The server's answer to the last `Save`: shown at its input when it names one, else above the form. */
  error: unknown;
  /** Shows a Cancel button (in a dialog). */
  onCancel?: () => void;
  /** `Save` stays enabled for the current distribution (the portal saves a new payment method with it). */
  allowUnchanged?: boolean;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const priceTitleId = useId();
  const max = maxIps(priceTable);
  const timeZone = useBillingTimeZone();
  const [draft, setDraft] = useState<DistributionDraft>(() => initialDraft(current));
  const [instant, setInstant] = useState(false);
  // Problems show once the user has changed something or tried to save, not on an empty new form.
  const [edited, setEdited] = useState(false);
  // A field error of the server concerns the numbers it was sent; it goes when they change.
  const [submitted, setSubmitted] = useState<DistributionDraft | null>(null);

  const change = (next: DistributionDraft) => {
    setDraft(next);
    setEdited(true);
  };
  const problems = draftProblems(draft, max);
  const valid = validDistribution(draft, max);
  const plan = valid ? planChange({ current, next: valid, instant, now: new Date(), timeZone }) : null;
  const serverField = fieldOf(error, fields);

  const problemText = ({ field, rule }: DistributionProblem) => {
    switch (rule) {
      case 'not-whole-number':
        return t('subscriptions.form.problems.notWholeNumber');
      case 'too-small':
        return field === 'total'
          ? t('subscriptions.form.problems.totalTooSmall')
          : t('subscriptions.form.problems.tooSmall');
      case 'too-large':
        return t('subscriptions.form.problems.tooLarge', { max });
      case 'sum-mismatch':
        return t('subscriptions.form.problems.sumMismatch');
    }
  };
  const fieldError = (field: DistributionField) => {
    if (serverField === field && submitted === draft) return message(error);
    const problem = problems.get(field);
    return edited && problem ? problemText(problem) : undefined;
  };

  const save = () => {
    setEdited(true);
    if (!valid) return;
    setSubmitted(draft);
    onSubmit({ ...valid, instant });
  };

  // The slider needs a whole total to split; while there is none it rests, disabled.
  const { total } = draft;
  const splitMax = total !== null && Number.isSafeInteger(total) && total >= 1 ? total : null;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <Stack>
        {error !== null && error !== undefined && serverField === null && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {isApiError(error, 'CONFLICT') ? t('subscriptions.conflict') : message(error)}
          </Alert>
        )}
        <NumberInput
          label={t('subscriptions.form.total')}
          description={t('subscriptions.form.totalHint', { max })}
          data-autofocus
          min={1}
          max={max}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          value={draft.total ?? ''}
          onChange={(value) => change(withTotal(draft, countOf(value)))}
          error={fieldError('total')}
        />
        <IpSplitFields
          draft={draft}
          max={splitMax}
          onChange={change}
          errors={{ internal: fieldError('internal'), external: fieldError('external') }}
        />
        <Checkbox
          label={t('subscriptions.form.instant')}
          description={t('subscriptions.form.instantHint')}
          checked={instant}
          onChange={(event) => setInstant(event.currentTarget.checked)}
        />
        {plan && <PlannedChangeNote plan={plan} pending={pending} />}
        <section aria-labelledby={priceTitleId}>
          <Title order={3} size="h5" mb="xs" id={priceTitleId}>
            {t('subscriptions.price.newTitle')}
          </Title>
          {valid ? (
            <MonthlyPrice price={graduatedPrice(priceTable, valid.total)} currency={priceTable.currency} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('subscriptions.price.needsTotal')}
            </Text>
          )}
        </section>
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button
            type="submit"
            loading={busy}
            disabled={!allowUnchanged && plan?.unchanged === true && pending === null}
          >
            {t('subscriptions.form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** What `Save` will do and when, before the user saves; the server's answer follows after it. */
function PlannedChangeNote({ plan, pending }: { plan: PlannedChange; pending: PendingChange | null }) {
  const { t } = useTranslation();
  const formatDate = useFormatBillingDate();
  const date = formatDate(plan.at);
  let text: string;
  if (plan.unchanged) {
    text = pending ? t('subscriptions.plan.withdrawPending') : t('subscriptions.plan.unchanged');
  } else if (plan.kind === 'upgrade') {
    text = plan.immediate
      ? t('subscriptions.plan.upgradeNow')
      : t('subscriptions.plan.upgradeLater', { date });
  } else {
    text = t(`subscriptions.plan.${plan.kind}`, { date });
  }
  return (
    <Alert color="blue" variant="light" icon={<IconInfoCircle />} role="status">
      <Stack gap={4}>
        <Text size="sm">{text}</Text>
        {pending && !plan.unchanged && (
          <Text size="sm" c="dimmed">
            {t('subscriptions.plan.replacesPending', { date: formatDate(pending.effectiveAt) })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

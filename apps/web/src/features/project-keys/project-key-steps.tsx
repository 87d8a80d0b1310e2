import { Alert, Checkbox, DataList, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { ProjectKeyOverview } from '@vmsp/contracts';
import type { DistributionField, DistributionProblem } from '@vmsp/domain';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime, useFormatMoney, useFormatNumber } from '../../app/format.ts';
import { useFormatBillingDate } from '../subscriptions/billing-date.ts';
import type { DistributionDraft, PlannedChange } from '../subscriptions/ip-distribution.ts';
import { IpSplitFields } from '../subscriptions/ip-split-fields.tsx';

/** Step 1: the key as the MSP issued it. */
export function KeyStep({
  value,
  error,
  onChange,
}: {
  value: string;
  error: string | null;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Textarea
      label={t('payments.wizard.key')}
      description={t('payments.wizard.keyHint')}
      data-autofocus
      autosize
      minRows={4}
      maxRows={10}
      spellCheck={false}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' } }}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
    />
  );
}

function Facts({ rows }: { rows: [label: string, value: ReactNode][] }) {
  return (
    <DataList labelWidth="11rem">
      {rows.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>{label}</DataList.ItemLabel>
          <DataList.ItemValue>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}

/** Step 2: what the key carries, and the sales price the provider charges for it. */
export function PriceStep({
  overview,
  company,
  salesPrice,
  salesMinor,
  error,
  onChange,
}: {
  overview: ProjectKeyOverview;
  company: string;
  salesPrice: string;
  /** The parsed sales price while it is valid, for the margin shown under it. */
  salesMinor: number | null;
  error: string | null;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  const formatMoney = useFormatMoney();
  const formatDateTime = useFormatDateTime();
  const { currency, amountMinor } = overview.purchasePrice;
  return (
    <Stack>
      <Facts
        rows={[
          [t('payments.wizard.keyId'), overview.keyId],
          [t('payments.wizard.ips'), formatNumber(overview.ips)],
          [t('payments.wizard.term'), t('payments.wizard.months', { count: overview.months })],
          [t('payments.wizard.purchasePrice'), formatMoney(amountMinor, currency)],
          [t('payments.wizard.issuedAt'), formatDateTime(overview.issuedAt)],
          [t('payments.wizard.expiresAt'), formatDateTime(overview.expiresAt)],
        ]}
      />
      <TextInput
        label={t('payments.wizard.salesPrice')}
        description={t('payments.wizard.salesPriceHint', { company, months: overview.months, currency })}
        data-autofocus
        inputMode="decimal"
        autoComplete="off"
        rightSection={
          <Text size="xs" c="dimmed">
            {currency}
          </Text>
        }
        rightSectionWidth={48}
        value={salesPrice}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
      />
      {salesMinor !== null && error === null && (
        <Text size="sm" c={salesMinor - amountMinor < 0 ? 'red' : 'dimmed'} role="status">
          {t('payments.wizard.marginPreview', { margin: formatMoney(salesMinor - amountMinor, currency) })}
        </Text>
      )}
    </Stack>
  );
}

/** Step 3: the key's IPs between internal and external; slider and inputs always add up to them. */
export function DistributionStep({
  ips,
  draft,
  problems,
  serverError,
  onChange,
}: {
  ips: number;
  draft: DistributionDraft;
  problems: Map<DistributionField, DistributionProblem>;
  /** A refusal of the server that names one of the inputs. */
  serverError: { field: DistributionField; text: string } | null;
  onChange: (draft: DistributionDraft) => void;
}) {
  const { t } = useTranslation();
  const problemText = ({ rule }: DistributionProblem) => {
    switch (rule) {
      case 'not-whole-number':
        return t('payments.wizard.splitProblems.notWholeNumber');
      case 'too-small':
        return t('payments.wizard.splitProblems.tooSmall');
      case 'too-large':
      case 'sum-mismatch':
        return t('payments.wizard.splitProblems.sumMismatch', { ips });
    }
  };
  const fieldError = (field: DistributionField) => {
    if (serverError?.field === field) return serverError.text;
    const problem = problems.get(field);
    return problem ? problemText(problem) : undefined;
  };
  const totalError = fieldError('total');
  return (
    <Stack>
      <Text size="sm">{t('payments.wizard.splitIntro', { count: ips })}</Text>
      <IpSplitFields
        draft={draft}
        max={ips}
        onChange={onChange}
        errors={{ internal: fieldError('internal'), external: fieldError('external') }}
        autoFocus
      />
      {totalError && (
        <Text size="sm" c="red" role="alert">
          {totalError}
        </Text>
      )}
    </Stack>
  );
}

/** Step 4: the overview again, with `Perform action instantly` and what `Finish` will do. */
export function ConfirmStep({
  overview,
  internal,
  external,
  salesMinor,
  instant,
  plan,
  onInstantChange,
}: {
  overview: ProjectKeyOverview;
  internal: number;
  external: number;
  salesMinor: number;
  instant: boolean;
  plan: PlannedChange | null;
  onInstantChange: (instant: boolean) => void;
}) {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  const formatMoney = useFormatMoney();
  const { currency, amountMinor } = overview.purchasePrice;
  const margin = salesMinor - amountMinor;
  return (
    <Stack>
      <Facts
        rows={[
          [t('payments.wizard.keyId'), overview.keyId],
          [
            t('payments.wizard.ips'),
            t('payments.wizard.ipsSplit', {
              total: formatNumber(overview.ips),
              internal: formatNumber(internal),
              external: formatNumber(external),
            }),
          ],
          [t('payments.wizard.term'), t('payments.wizard.months', { count: overview.months })],
          [t('payments.wizard.purchasePrice'), formatMoney(amountMinor, currency)],
          [t('payments.wizard.salesPrice'), formatMoney(salesMinor, currency)],
          [
            t('payments.wizard.margin'),
            <Text key="margin" span size="sm" fw={500} c={margin < 0 ? 'red' : undefined}>
              {formatMoney(margin, currency)}
            </Text>,
          ],
        ]}
      />
      <Checkbox
        label={t('payments.wizard.instant')}
        description={t('payments.wizard.instantHint')}
        checked={instant}
        onChange={(event) => onInstantChange(event.currentTarget.checked)}
      />
      {plan && <PlanNote plan={plan} />}
    </Stack>
  );
}

/** When the new subscription applies, by the rules of; the server's answer follows after `Finish`. */
function PlanNote({ plan }: { plan: PlannedChange }) {
  const { t } = useTranslation();
  const formatDate = useFormatBillingDate();
  const date = formatDate(plan.at);
  let text: string;
  if (plan.kind === 'upgrade') {
    text = plan.immediate
      ? t('payments.wizard.plan.upgradeNow')
      : t('payments.wizard.plan.upgradeLater', { date });
  } else {
    text = t(`payments.wizard.plan.${plan.kind}`, { date });
  }
  return (
    <Alert color="blue" variant="light" icon={<IconInfoCircle />} role="status">
      {text}
    </Alert>
  );
}

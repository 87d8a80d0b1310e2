import { Alert, Button, Group, Modal, Stack, Stepper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { CustomerDetails, CustomerRow, ProjectKeyOverview } from '@vmsp/contracts';
import type { DistributionField } from '@vmsp/domain';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useCustomer } from '../customers/customers-api.ts';
import { useFormatBillingDate } from '../subscriptions/billing-date.ts';
import {
  type DistributionDraft,
  draftProblems,
  planChange,
  validDistribution,
} from '../subscriptions/ip-distribution.ts';
import { useBillingTimeZone } from '../subscriptions/subscriptions-api.ts';
import { initialSplit, parseSalesPrice, stepOfError, type WizardStep } from './project-key-redeem.ts';
import { ConfirmStep, DistributionStep, KeyStep, PriceStep } from './project-key-steps.tsx';
import { useInspectProjectKey, useRedeemProjectKey } from './project-keys-api.ts';

/**
 * `Add Project Key`, managed customers only: the key, `Next` → what it carries and the sales price,
 * `Next` → its IPs between internal and external, `Next` → the overview with `Perform action instantly`,
 * `Finish`. It works on the customer's details (current subscription, version), loaded again after a conflict.
 */
export function AddProjectKeyWizard({ customer, onClose }: { customer: CustomerRow; onClose: () => void }) {
  const { t } = useTranslation();
  const details = useCustomer(customer.id);
  return (
    <Modal opened onClose={onClose} title={t('payments.wizard.title')} size="xl">
      <Text size="sm" c="dimmed" mb="md">
        {details.data?.companyName ?? customer.companyName}
      </Text>
      {details.isPending && <PageLoader />}
      {details.isError && <LoadError error={details.error} onRetry={() => void details.refetch()} />}
      {details.data && <Wizard details={details.data} onClose={onClose} />}
    </Modal>
  );
}

const splitFields: readonly DistributionField[] = ['total', 'internal', 'external'];

function Wizard({ details, onClose }: { details: CustomerDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const formatBillingDate = useFormatBillingDate();
  const timeZone = useBillingTimeZone();
  const inspect = useInspectProjectKey();
  const redeem = useRedeemProjectKey();

  const [active, setActive] = useState<WizardStep>(0);
  const [keyText, setKeyText] = useState('');
  const [keyError, setKeyError] = useState<string | null>(null);
  /** What the key carries, and the text it was read from (`Finish` redeems exactly that). */
  const [inspected, setInspected] = useState<{ key: string; overview: ProjectKeyOverview } | null>(null);
  const [salesPrice, setSalesPrice] = useState('');
  const [salesError, setSalesError] = useState<string | null>(null);
  const [draft, setDraft] = useState<DistributionDraft>({ total: null, internal: null, external: null });
  const [splitError, setSplitError] = useState<{ field: DistributionField; text: string } | null>(null);
  const [instant, setInstant] = useState(false);
  /** A refusal that belongs to no input: shown above the step it happened on. */
  const [stepError, setStepError] = useState<{ step: WizardStep; error: unknown } | null>(null);

  const overview = inspected?.overview ?? null;
  const ips = overview?.ips ?? 0;
  const sales = parseSalesPrice(salesPrice);
  const salesMinor = sales.ok ? sales.minor : null;
  const split = overview ? validDistribution(draft, ips) : null;
  const current = details.subscriptions.current;

  const salesProblem = () => (sales.ok ? null : t(`payments.wizard.salesPriceProblems.${sales.reason}`));

  const toKey = (event: FormEvent) => {
    event.preventDefault();
    const key = keyText.trim();
    if (key === '') {
      setKeyError(t('payments.wizard.keyRequired'));
      return;
    }
    setStepError(null);
    inspect.mutate(
      { customerId: details.id, key },
      {
        onSuccess: (next) => {
          // Another key (or one with other IPs) starts the split again.
          if (!inspected || inspected.overview.ips !== next.ips) setDraft(initialSplit(current, next.ips));
          setInspected({ key, overview: next });
          setActive(1);
        },
        onError: (error) => {
          if (isApiError(error) && stepOfError(error) === 0) setKeyError(message(error));
          else setStepError({ step: 0, error });
        },
      },
    );
  };

  const toPrice = (event: FormEvent) => {
    event.preventDefault();
    const problem = salesProblem();
    setSalesError(problem);
    if (problem === null) setActive(2);
  };

  const toDistribution = (event: FormEvent) => {
    event.preventDefault();
    if (split) setActive(3);
  };

  const finish = (event: FormEvent) => {
    event.preventDefault();
    if (!inspected || !split || salesMinor === null) return;
    setStepError(null);
    redeem.mutate(
      {
        customerId: details.id,
        key: inspected.key,
        salesPrice: salesPrice.trim(),
        internal: split.internal,
        external: split.external,
        instant,
        version: details.version,
      },
      {
        onSuccess: (result) => {
          const company = result.customer.companyName;
          notifications.show({
            color: 'green',
            message: result.applied
              ? t('payments.wizard.doneApplied', { company })
              : t('payments.wizard.doneScheduled', { company, date: formatBillingDate(result.effectiveAt) }),
          });
          onClose();
        },
        onError: (error) => {
          const step = isApiError(error) ? stepOfError(error) : 3;
          const text = message(error);
          const field = isApiError(error) ? error.field : undefined;
          if (step === 0) setKeyError(text);
          else if (step === 1) setSalesError(text);
          else if (step === 2) {
            const splitField = splitFields.find((f) => f === field);
            if (splitField) setSplitError({ field: splitField, text });
          } else setStepError({ step: 3, error });
          setActive(step);
        },
      },
    );
  };

  const alertFor = (step: WizardStep) =>
    stepError?.step === step && (
      <Alert color="red" icon={<IconAlertTriangle />} role="alert">
        {isApiError(stepError.error, 'CONFLICT') ? t('customers.conflict') : message(stepError.error)}
      </Alert>
    );

  return (
    <Stepper
      active={active}
      onStepClick={(step) => setActive(step as WizardStep)}
      allowNextStepsSelect={false}
      size="sm"
    >
      <Stepper.Step label={t('payments.wizard.steps.key')}>
        <StepForm onSubmit={toKey} alert={alertFor(0)} onCancel={onClose}>
          <KeyStep
            value={keyText}
            error={keyError}
            onChange={(value) => {
              setKeyText(value);
              setKeyError(null);
            }}
          />
          <NextButton loading={inspect.isPending} />
        </StepForm>
      </Stepper.Step>
      <Stepper.Step label={t('payments.wizard.steps.price')}>
        {overview && (
          <StepForm onSubmit={toPrice} onBack={() => setActive(0)}>
            <PriceStep
              overview={overview}
              company={details.companyName}
              salesPrice={salesPrice}
              salesMinor={salesMinor}
              error={salesError}
              onChange={(value) => {
                setSalesPrice(value);
                setSalesError(null);
              }}
            />
            <NextButton />
          </StepForm>
        )}
      </Stepper.Step>
      <Stepper.Step label={t('payments.wizard.steps.distribution')}>
        {overview && (
          <StepForm onSubmit={toDistribution} onBack={() => setActive(1)}>
            <DistributionStep
              ips={ips}
              draft={draft}
              problems={draftProblems(draft, ips)}
              serverError={splitError}
              onChange={(next) => {
                setDraft(next);
                setSplitError(null);
              }}
            />
            <NextButton disabled={split === null} />
          </StepForm>
        )}
      </Stepper.Step>
      <Stepper.Step label={t('payments.wizard.steps.confirm')}>
        {overview && split && salesMinor !== null && (
          <StepForm onSubmit={finish} alert={alertFor(3)} onBack={() => setActive(2)}>
            <ConfirmStep
              overview={overview}
              internal={split.internal}
              external={split.external}
              salesMinor={salesMinor}
              instant={instant}
              plan={planChange({ current, next: split, instant, now: new Date(), timeZone })}
              onInstantChange={setInstant}
            />
            <Button type="submit" loading={redeem.isPending}>
              {t('payments.wizard.finish')}
            </Button>
          </StepForm>
        )}
      </Stepper.Step>
    </Stepper>
  );
}

/**
 * One step: its content, then Cancel or Back on the left and the step's submit button (the last child) on
 * the right. A form, so that Enter in an input goes on like the button.
 */
function StepForm({
  onSubmit,
  alert,
  onBack,
  onCancel,
  children,
}: {
  onSubmit: (event: FormEvent) => void;
  alert?: ReactNode;
  onBack?: () => void;
  onCancel?: () => void;
  children: [content: ReactNode, submit: ReactNode];
}) {
  const { t } = useTranslation();
  const [content, submit] = children;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack mt="md">
        {alert}
        {content}
        <Group justify="space-between">
          {onBack ? (
            <Button variant="default" onClick={onBack}>
              {t('payments.wizard.back')}
            </Button>
          ) : (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          {submit}
        </Group>
      </Stack>
    </form>
  );
}

function NextButton({ loading, disabled }: { loading?: boolean; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Button type="submit" loading={loading} disabled={disabled}>
      {t('payments.wizard.next')}
    </Button>
  );
}

import { Alert, Anchor, Group, NativeSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { DashboardResponse } from '@vmsp/contracts';
import { type ReactNode, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { query } from '../../app/api.ts';
import { useFormatMoney, useFormatNumber } from '../../app/format.ts';
import { useChangeSearchParams } from '../../app/search-params.ts';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { monthsUpTo, todayIn, useFormatMonth } from '../invoices/invoice-format.ts';
import { FirstSteps } from '../onboarding/first-steps.tsx';
import { useBillingTimeZone } from '../subscriptions/subscriptions-api.ts';
import { BillingDataMenu } from './billing-data-menu.tsx';
import { useDashboard } from './dashboard-api.ts';
import { DevelopmentSection } from './development-section.tsx';
import { FigureCard } from './figure-card.tsx';
import { MOVEMENTS, type Movement, movementFilter } from './movement-model.ts';
import './texts.ts';

/** Two years of months to choose from; an older month still works from the URL (`?month=`). */
const MONTHS_OFFERED = 24;

const billingList = (filter: Record<string, string> = {}) => `/admin/billing${query(filter)}`;

/**
 * `Dashboard` (Billing), where the admin console opens: the key figures of the current or a chosen past billing
 * month, each linking to the list it counts, and the month's billing data as a download. The month is in the URL.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const changeParams = useChangeSearchParams();
  const timeZone = useBillingTimeZone();
  const formatMonth = useFormatMonth();
  const today = todayIn(timeZone);
  const currentMonth = today.slice(0, 7);
  const chosen = searchParams.get('month') ?? undefined;
  const months = useMemo(() => {
    const recent = monthsUpTo(today, MONTHS_OFFERED);
    return chosen && !recent.includes(chosen) ? [chosen, ...recent] : recent;
  }, [today, chosen]);
  const figures = useDashboard(chosen);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('dashboard.title')}</Title>
        <Group align="flex-end">
          <NativeSelect
            label={t('dashboard.month')}
            value={chosen ?? currentMonth}
            onChange={(event) => {
              const month = event.currentTarget.value;
              changeParams({ month: month === currentMonth ? undefined : month });
            }}
            data={months.map((month) => ({
              value: month,
              label:
                month === currentMonth
                  ? t('dashboard.currentMonth', { month: formatMonth(month) })
                  : formatMonth(month),
            }))}
          />
          <BillingDataMenu month={figures.data?.month ?? chosen ?? currentMonth} />
        </Group>
      </Group>
      <FirstSteps />
      {figures.isPending && <PageLoader />}
      {figures.isError && <LoadError error={figures.error} onRetry={() => void figures.refetch()} />}
      {figures.data && <Figures figures={figures.data} />}
      <DevelopmentSection />
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id}>
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>{children}</SimpleGrid>
    </Stack>
  );
}

function Figures({ figures }: { figures: DashboardResponse }) {
  const { t, i18n } = useTranslation();
  const formatNumber = useFormatNumber();
  const formatMoney = useFormatMoney();
  const formatMonth = useFormatMonth();
  const timeZone = useBillingTimeZone();
  const { currency, customersNow: customers, ips, revenue, purchase, invoices, scheduledChanges } = figures;
  const money = (minor: number | null) =>
    minor === null ? t('dashboard.noValue') : formatMoney(minor, currency);
  const signed = (text: string, value: number) => (value > 0 ? `+${text}` : text);
  const invoiceList = (status?: string) =>
    `/admin/invoices${query({ month: figures.month, kind: 'invoice', status })}`;
  const invoiceAmount = (amount: DashboardResponse['invoices']['issued']) =>
    t('dashboard.invoices.amount', { count: formatNumber(amount.count), amount: money(amount.grossMinor) });
  const effectiveOn = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone }).format(
    new Date(scheduledChanges.effectiveAt),
  );
  const statuses = ['active', 'invited', 'inactive', 'locked', 'deleting'] as const;
  const movementList = (movement: Movement) => {
    const filter = movementFilter(movement, figures.month);
    return filter ? `/admin/settings/audit${query(filter)}` : undefined;
  };

  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {figures.current
          ? t('dashboard.asOfNow')
          : t('dashboard.asOfClose', { month: formatMonth(figures.month) })}
      </Text>
      <Section title={t('dashboard.sections.customers')}>
        <FigureCard
          label={t('dashboard.customers.total')}
          value={formatNumber(customers.total)}
          to={billingList()}
        />
        {statuses.map((status) => (
          <FigureCard
            key={status}
            label={t(`dashboard.customers.status.${status}`)}
            value={formatNumber(customers.byStatus[status])}
            to={billingList({ status })}
          />
        ))}
        <FigureCard
          label={t('dashboard.customers.managed')}
          value={formatNumber(customers.byServiceMode.managed)}
          to={billingList({ serviceMode: 'managed' })}
        />
        <FigureCard
          label={t('dashboard.customers.selfService')}
          value={formatNumber(customers.byServiceMode.selfService)}
          to={billingList({ serviceMode: 'self-service' })}
        />
      </Section>
      <Section title={t('dashboard.sections.movements')}>
        {MOVEMENTS.map((movement) => (
          <FigureCard
            key={movement}
            label={t(`dashboard.movements.${movement}`)}
            value={formatNumber(figures.movements[movement])}
            hint={t(`dashboard.movements.${movement}Hint`)}
            to={movementList(movement)}
          />
        ))}
      </Section>
      <Section title={t('dashboard.sections.ips')}>
        <FigureCard label={t('dashboard.ips.total')} value={formatNumber(ips.total)} />
        <FigureCard label={t('dashboard.ips.internal')} value={formatNumber(ips.internal)} />
        <FigureCard label={t('dashboard.ips.external')} value={formatNumber(ips.external)} />
        <FigureCard
          label={t('dashboard.ips.invoice')}
          value={formatNumber(ips.byPaymentMethod.invoice)}
          to={billingList({ paymentMethod: 'invoice' })}
        />
        <FigureCard
          label={t('dashboard.ips.creditCard')}
          value={formatNumber(ips.byPaymentMethod.creditCard)}
          to={billingList({ paymentMethod: 'credit-card' })}
        />
        <FigureCard
          label={t('dashboard.ips.projectKey')}
          value={formatNumber(ips.byPaymentMethod.projectKey)}
          to={billingList({ paymentMethod: 'project-key' })}
        />
      </Section>
      <Section title={t('dashboard.sections.revenue')}>
        <FigureCard
          label={t('dashboard.revenue.monthlyRecurring')}
          value={money(revenue.monthlyRecurringMinor)}
        />
        <FigureCard label={t('dashboard.revenue.averagePerIp')} value={money(revenue.averagePerIpMinor)} />
        <FigureCard
          label={t('dashboard.revenue.selfService')}
          value={money(revenue.selfServiceMinor)}
          to={billingList({ serviceMode: 'self-service' })}
        />
        <FigureCard
          label={t('dashboard.revenue.managed')}
          value={money(revenue.managedMinor)}
          to={billingList({ serviceMode: 'managed' })}
        />
      </Section>
      {purchase ? (
        <Section title={t('dashboard.sections.purchase')}>
          <FigureCard label={t('dashboard.purchase.total')} value={money(purchase.totalMinor)} />
          <FigureCard
            label={t('dashboard.purchase.averagePerIp')}
            value={money(purchase.averagePerIpMinor)}
          />
          <FigureCard label={t('dashboard.purchase.margin')} value={money(purchase.marginMinor)} />
          <FigureCard label={t('dashboard.purchase.marginPerIp')} value={money(purchase.marginPerIpMinor)} />
        </Section>
      ) : (
        <Alert color="yellow" icon={<IconInfoCircle />} title={t('dashboard.purchase.missingTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('dashboard.purchase.missing')}</Text>
            <Anchor component={Link} to="/admin/settings/purchase-prices" size="sm">
              {t('dashboard.purchase.openSettings')}
            </Anchor>
          </Stack>
        </Alert>
      )}
      <Section title={t('dashboard.sections.invoices')}>
        <FigureCard
          label={t('dashboard.invoices.issued')}
          value={invoiceAmount(invoices.issued)}
          to={invoiceList()}
        />
        <FigureCard
          label={t('dashboard.invoices.paid')}
          value={invoiceAmount(invoices.paid)}
          to={invoiceList('paid')}
        />
        <FigureCard
          label={t('dashboard.invoices.overdue')}
          value={invoiceAmount(invoices.overdue)}
          to={invoiceList('overdue')}
        />
      </Section>
      <Section title={t('dashboard.sections.scheduled')}>
        <FigureCard
          label={t('dashboard.scheduled.count')}
          value={formatNumber(scheduledChanges.count)}
          hint={t('dashboard.scheduled.hint', { date: effectiveOn })}
        />
        <FigureCard
          label={t('dashboard.scheduled.ipDelta')}
          value={signed(formatNumber(scheduledChanges.ipDelta), scheduledChanges.ipDelta)}
        />
        <FigureCard
          label={t('dashboard.scheduled.revenueDelta')}
          value={signed(money(scheduledChanges.revenueDeltaMinor), scheduledChanges.revenueDeltaMinor)}
        />
      </Section>
    </Stack>
  );
}

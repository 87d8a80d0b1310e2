import { Alert, DataList, Stack, Text } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import type { PendingChange } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatMoney, useFormatNumber } from '../../app/format.ts';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useFormatBillingDate } from '../subscriptions/billing-date.ts';
import { usePortalSubscription } from '../subscriptions/subscriptions-api.ts';
import { OverviewCard } from './overview-card.tsx';
import { type RunningSubscription, subscriptionGlance } from './overview-model.ts';
import './texts.ts';

/** The subscription at a glance: IPs, article, monthly price, and the scheduled change with its day. */
export function SubscriptionCard() {
  const { t } = useTranslation();
  const subscription = usePortalSubscription();
  const glance = subscription.data && subscriptionGlance(subscription.data);
  return (
    <OverviewCard
      title={t('portalOverview.subscription.title')}
      more={{ to: '/portal/subscription', label: t('portalOverview.subscription.details') }}
    >
      {subscription.isPending && <PageLoader />}
      {subscription.isError && (
        <LoadError error={subscription.error} onRetry={() => void subscription.refetch()} />
      )}
      {glance && (
        <Stack gap="md">
          {glance.running ? (
            <RunningFigures running={glance.running} />
          ) : (
            <Text>{t('portalOverview.subscription.none')}</Text>
          )}
          {glance.pending && <PendingNote pending={glance.pending} />}
        </Stack>
      )}
    </OverviewCard>
  );
}

function RunningFigures({ running }: { running: RunningSubscription }) {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  const formatMoney = useFormatMoney();
  const rows: [label: string, value: string][] = [
    [t('portalOverview.subscription.internal'), formatNumber(running.internal)],
    [t('portalOverview.subscription.external'), formatNumber(running.external)],
    [t('portalOverview.subscription.total'), formatNumber(running.total)],
  ];
  if (running.articles.length > 0) {
    rows.push([
      t('portalOverview.subscription.article'),
      running.articles
        .map((article) =>
          t('portalOverview.subscription.articleValue', { name: article.name, number: article.number }),
        )
        .join(', '),
    ]);
  }
  rows.push([
    t('portalOverview.subscription.monthlyPrice'),
    formatMoney(running.monthlyPrice.amountMinor, running.monthlyPrice.currency),
  ]);
  return (
    <DataList labelWidth="10rem">
      {rows.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>{label}</DataList.ItemLabel>
          <DataList.ItemValue>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}

function PendingNote({ pending }: { pending: PendingChange }) {
  const { t } = useTranslation();
  const formatBillingDate = useFormatBillingDate();
  const formatMoney = useFormatMoney();
  const formatNumber = useFormatNumber();
  return (
    <Alert
      color="blue"
      icon={<IconClockHour4 />}
      title={t('portalOverview.subscription.pendingTitle')}
      role="note"
    >
      {t('portalOverview.subscription.pending', {
        kind: t(`subscriptions.kind.${pending.kind}`),
        internal: formatNumber(pending.ipsInternal),
        external: formatNumber(pending.ipsExternal),
        price: formatMoney(pending.monthlyPrice.amountMinor, pending.monthlyPrice.currency),
        date: formatBillingDate(pending.effectiveAt),
      })}
    </Alert>
  );
}

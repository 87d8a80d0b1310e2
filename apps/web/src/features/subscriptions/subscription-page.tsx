import { Alert, Card, DataList, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClockHour4, IconInfoCircle } from '@tabler/icons-react';
import type { PendingChange, PortalSubscription, PriceVersion, SubscriptionPeriod } from '@vmsp/contracts';
import { graduatedPrice, maxIps } from '@vmsp/domain';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormatDateTime, useFormatMoney, useFormatNumber } from '../../app/format.ts';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useFormatBillingDate } from './billing-date.ts';
import { CardBillingNotes, type CheckoutReturn, checkoutReturnOf } from './card-billing-notes.tsx';
import { IpDistributionForm } from './ip-distribution-form.tsx';
import { MonthlyPrice } from './monthly-price.tsx';
import { choosableMethods, initialMethod, PaymentMethodChoice } from './payment-method-choice.tsx';
import { useCardCheckout, useDistributeOwnIps, usePortalSubscription } from './subscriptions-api.ts';

/**
 * The portal's subscription page: the running subscription with its graduated price, the scheduled
 * change, and for self-service customers the IP Distribution form; managed customers only read it.
 */
export default function SubscriptionPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const checkout = checkoutReturnOf(searchParams);
  const subscription = usePortalSubscription({ pollWhilePending: checkout === 'success' });
  const dismissCheckout = () =>
    setSearchParams(
      (params) => {
        params.delete('checkout');
        return params;
      },
      { replace: true },
    );
  return (
    <Stack maw={960}>
      <Title order={2}>{t('subscriptions.portal.title')}</Title>
      {subscription.isPending && <PageLoader />}
      {subscription.isError && (
        <LoadError error={subscription.error} onRetry={() => void subscription.refetch()} />
      )}
      {subscription.data && (
        <SubscriptionView
          subscription={subscription.data}
          checkout={checkout}
          onDismissCheckout={dismissCheckout}
        />
      )}
    </Stack>
  );
}

function SubscriptionView({
  subscription,
  checkout,
  onDismissCheckout,
}: {
  subscription: PortalSubscription;
  checkout: CheckoutReturn;
  onDismissCheckout: () => void;
}) {
  const { t } = useTranslation();
  const { current, pending } = subscription.subscriptions;
  return (
    <>
      <CardBillingNotes card={subscription.cardBilling} checkout={checkout} onDismiss={onDismissCheckout} />
      <PortalCard title={t('subscriptions.portal.current')}>
        {current ? (
          <CurrentSubscription period={current} priceTable={subscription.priceTable} />
        ) : (
          <Text>{t('subscriptions.portal.noSubscription')}</Text>
        )}
      </PortalCard>
      {pending && <PendingChangeNote pending={pending} />}
      {subscription.editable ? (
        <PortalCard title={t('subscriptions.portal.change')}>
          <ChangeSubscription subscription={subscription} />
        </PortalCard>
      ) : (
        <Alert color="blue" icon={<IconInfoCircle />} role="note">
          {t('subscriptions.portal.managedNote')}
        </Alert>
      )}
    </>
  );
}

function PortalCard({ title, children }: { title: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={titleId}>
      <Title order={3} mb="md" id={titleId}>
        {title}
      </Title>
      {children}
    </Card>
  );
}

/**
 * The running period: its numbers, and its price line by line with article names and numbers. The period is
 * billed by the price version it started with; the table the page gets is the newest one. When they differ,
 * the period's own price is shown, and the breakdown by the newest table with the day it takes over.
 */
function CurrentSubscription({
  period,
  priceTable,
}: {
  period: SubscriptionPeriod;
  priceTable: PriceVersion | null;
}) {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  const formatMoney = useFormatMoney();
  const formatDateTime = useFormatDateTime();
  const formatBillingDate = useFormatBillingDate();
  const total = period.ipsInternal + period.ipsExternal;
  const price = priceTable && total <= maxIps(priceTable) ? graduatedPrice(priceTable, total) : null;
  const samePrices = priceTable?.version === period.priceVersion;
  const rows: [label: string, value: string][] = [
    [t('subscriptions.portal.internal'), formatNumber(period.ipsInternal)],
    [t('subscriptions.portal.external'), formatNumber(period.ipsExternal)],
    [t('subscriptions.portal.paymentMethod'), t(`customers.paymentMethod.${period.paymentMethod}`)],
    [t('subscriptions.portal.since'), formatDateTime(period.startedAt)],
  ];
  if (!samePrices || !price) {
    rows.push([
      t('subscriptions.price.monthly'),
      formatMoney(period.monthlyPrice.amountMinor, period.monthlyPrice.currency),
    ]);
  }
  return (
    <Stack>
      <DataList labelWidth="11rem">
        {rows.map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue>{value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
      {price && priceTable && (
        <>
          {!samePrices && (
            <Text size="sm" c="dimmed">
              {t('subscriptions.portal.newPricesFrom', { date: formatBillingDate(priceTable.runningFrom) })}
            </Text>
          )}
          <MonthlyPrice price={price} currency={priceTable.currency} />
        </>
      )}
    </Stack>
  );
}

function PendingChangeNote({ pending }: { pending: PendingChange }) {
  const { t } = useTranslation();
  const formatBillingDate = useFormatBillingDate();
  const formatMoney = useFormatMoney();
  const formatNumber = useFormatNumber();
  return (
    <Alert color="blue" icon={<IconClockHour4 />} title={t('subscriptions.portal.pendingTitle')} role="note">
      {t('subscriptions.portal.pendingText', {
        kind: t(`subscriptions.kind.${pending.kind}`),
        internal: formatNumber(pending.ipsInternal),
        external: formatNumber(pending.ipsExternal),
        price: formatMoney(pending.monthlyPrice.amountMinor, pending.monthlyPrice.currency),
        date: formatBillingDate(pending.effectiveAt),
      })}
    </Alert>
  );
}

/**
 * Self-service customers change their subscription by the admin's rules and choose one of the active
 * payment methods. Choosing Credit Card (while not already paying by card) sends them to Stripe Checkout.
 */
function ChangeSubscription({ subscription }: { subscription: PortalSubscription }) {
  const { t } = useTranslation();
  const formatBillingDate = useFormatBillingDate();
  const distribute = useDistributeOwnIps();
  const checkout = useCardCheckout();
  const methods = choosableMethods(subscription);
  const [method, setMethod] = useState(() => initialMethod(subscription));
  // The offered methods can change (the provider deactivated one): fall back to one still offered.
  const chosen = method !== null && methods.includes(method) ? method : initialMethod(subscription);
  const payingByCard = subscription.subscriptions.current?.paymentMethod === 'credit-card';
  const toStripe = chosen === 'credit-card' && !payingByCard;
  if (!subscription.priceTable) {
    return <Text>{t('subscriptions.portal.noPrices')}</Text>;
  }
  if (chosen === null) {
    return (
      <Alert color="orange" icon={<IconInfoCircle />} role="note">
        {t('payments.portal.noMethods')}
      </Alert>
    );
  }
  return (
    <Stack>
      {/* A running card subscription changes through Stripe; leaving card payment is the provider's step. */}
      {!payingByCard && (
        <PaymentMethodChoice methods={methods} value={chosen} onChange={setMethod} redirects={toStripe} />
      )}
      <IpDistributionForm
        // After a save or a conflict the page holds a new version: the form starts from what is stored now.
        key={subscription.version}
        current={subscription.subscriptions.current}
        pending={subscription.subscriptions.pending}
        priceTable={subscription.priceTable}
        busy={distribute.isPending || checkout.isPending || checkout.isSuccess}
        error={checkout.error ?? distribute.error}
        allowUnchanged={toStripe}
        onSubmit={({ total, internal, external, instant }) => {
          checkout.reset();
          distribute.reset();
          if (toStripe) {
            checkout.mutate(
              { total, internal, external, version: subscription.version },
              // Stripe's own page takes the card; the portal never sees it.
              { onSuccess: ({ url }) => window.location.assign(url) },
            );
            return;
          }
          distribute.mutate(
            { total, internal, external, instant, version: subscription.version },
            {
              onSuccess: (result) =>
                notifications.show({
                  color: 'green',
                  message: result.applied
                    ? t('subscriptions.saved.applied')
                    : t('subscriptions.saved.scheduled', { date: formatBillingDate(result.effectiveAt) }),
                }),
            },
          );
        }}
      />
    </Stack>
  );
}

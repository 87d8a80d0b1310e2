import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { usePortalInvoices } from '../invoices/invoices-api.ts';
import { PortalInvoiceTables } from '../invoices/portal-invoice-tables.tsx';
import { OverviewCard } from './overview-card.tsx';
import { latestInvoices, latestStripeInvoices } from './overview-model.ts';
import './texts.ts';

/** The latest three invoices with status, due date, gross and the downloads; the rest on the Invoices page. */
export function LatestInvoicesCard() {
  const { t } = useTranslation();
  const titleId = useId();
  const invoices = usePortalInvoices();
  return (
    <OverviewCard
      title={t('portalOverview.invoices.title')}
      titleId={titleId}
      more={{ to: '/portal/invoices', label: t('portalOverview.invoices.all') }}
    >
      {invoices.isPending && <PageLoader />}
      {invoices.isError && <LoadError error={invoices.error} onRetry={() => void invoices.refetch()} />}
      {invoices.data && (
        <PortalInvoiceTables
          invoices={{
            invoices: latestInvoices(invoices.data.invoices),
            stripeInvoices: latestStripeInvoices(invoices.data.stripeInvoices),
          }}
          labelledBy={titleId}
          emptyText={t('portalOverview.invoices.empty')}
          stripeHeadingOrder={4}
        />
      )}
    </OverviewCard>
  );
}

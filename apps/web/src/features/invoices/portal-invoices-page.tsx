import { Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { usePortalInvoices } from './invoices-api.ts';
import { PortalInvoiceTables } from './portal-invoice-tables.tsx';
import './texts.ts';

/**
 * The portal's `Invoices` page, for every user of the customer: its own invoices and credit notes with status,
 * due date, gross and the PDF/XML downloads, and its invoices at Stripe when it pays by card.
 */
export default function PortalInvoicesPage() {
  const { t } = useTranslation();
  const id = useId();
  const invoices = usePortalInvoices();
  return (
    <Stack maw={1100}>
      <Title order={2} id={`${id}-invoices`}>
        {t('invoices.title')}
      </Title>
      <Text>{t('invoices.portal.intro')}</Text>
      {invoices.isPending && <PageLoader />}
      {invoices.isError && <LoadError error={invoices.error} onRetry={() => void invoices.refetch()} />}
      {invoices.data && (
        <PortalInvoiceTables
          invoices={invoices.data}
          labelledBy={`${id}-invoices`}
          emptyText={t('invoices.customer.empty')}
          stripeHeadingOrder={3}
        />
      )}
    </Stack>
  );
}

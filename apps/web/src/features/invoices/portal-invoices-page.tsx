import { Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { CustomerInvoicesTable, StripeInvoicesTable } from './customer-invoice-tables.tsx';
import { usePortalInvoices } from './invoices-api.ts';
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
        <>
          <CustomerInvoicesTable
            invoices={invoices.data.invoices}
            scope="portal"
            labelledBy={`${id}-invoices`}
            emptyText={t('invoices.customer.empty')}
          />
          {invoices.data.stripeInvoices.length > 0 && (
            <section aria-labelledby={`${id}-stripe`}>
              <Title order={3} size="h4" id={`${id}-stripe`}>
                {t('invoices.stripe.title')}
              </Title>
              <Text size="sm" c="dimmed" mb="xs">
                {t('invoices.stripe.hint')}
              </Text>
              <StripeInvoicesTable invoices={invoices.data.stripeInvoices} labelledBy={`${id}-stripe`} />
            </section>
          )}
        </>
      )}
    </Stack>
  );
}

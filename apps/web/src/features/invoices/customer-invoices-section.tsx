import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { CustomerInvoicesTable, StripeInvoicesTable } from './customer-invoice-tables.tsx';
import { useCustomerInvoices } from './invoices-api.ts';
import './texts.ts';

/** In the customer details overlay: the customer's invoices, and its Stripe invoices when it pays by card. */
export function CustomerInvoicesSection({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const invoices = useCustomerInvoices(customerId);
  return (
    <section aria-labelledby={`${id}-invoices`}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id={`${id}-invoices`}>
          {t('invoices.title')}
        </Title>
        <Anchor
          component={Link}
          to={`/admin/invoices?customerId=${encodeURIComponent(customerId)}`}
          size="sm"
        >
          {t('invoices.customer.showAll')}
        </Anchor>
      </Group>
      {invoices.isPending && <PageLoader />}
      {invoices.isError && <LoadError error={invoices.error} onRetry={() => void invoices.refetch()} />}
      {invoices.data && (
        <Stack gap="md">
          <CustomerInvoicesTable
            invoices={invoices.data.invoices}
            scope="admin"
            labelledBy={`${id}-invoices`}
            emptyText={t('invoices.customer.empty')}
          />
          {invoices.data.stripeInvoices.length > 0 && (
            <div>
              <Title order={4} size="h5" id={`${id}-stripe`}>
                {t('invoices.stripe.title')}
              </Title>
              <Text size="xs" c="dimmed" mb="xs">
                {t('invoices.stripe.hint')}
              </Text>
              <StripeInvoicesTable invoices={invoices.data.stripeInvoices} labelledBy={`${id}-stripe`} />
            </div>
          )}
        </Stack>
      )}
    </section>
  );
}

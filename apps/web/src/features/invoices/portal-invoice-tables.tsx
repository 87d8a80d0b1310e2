import { Text, Title, type TitleOrder } from '@mantine/core';
import type { CustomerInvoicesResponse } from '@vmsp/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CustomerInvoicesTable, StripeInvoicesTable } from './customer-invoice-tables.tsx';
import './texts.ts';

/**
 * A customer user's own invoices with their downloads, and beneath them its invoices at Stripe when it pays by
 * card: on the portal's Invoices page (all of them) and on its overview (the latest).
 */
export function PortalInvoiceTables({
  invoices,
  labelledBy,
  emptyText,
  stripeHeadingOrder,
}: {
  invoices: CustomerInvoicesResponse;
  labelledBy: string;
  emptyText: string;
  /** The Stripe heading's level: one below the heading that `labelledBy` names. */
  stripeHeadingOrder: TitleOrder;
}) {
  const { t } = useTranslation();
  const stripeId = useId();
  return (
    <>
      <CustomerInvoicesTable
        invoices={invoices.invoices}
        scope="portal"
        labelledBy={labelledBy}
        emptyText={emptyText}
      />
      {invoices.stripeInvoices.length > 0 && (
        <section aria-labelledby={stripeId}>
          <Title order={stripeHeadingOrder} size="h4" id={stripeId}>
            {t('invoices.stripe.title')}
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            {t('invoices.stripe.hint')}
          </Text>
          <StripeInvoicesTable invoices={invoices.stripeInvoices} labelledBy={stripeId} />
        </section>
      )}
    </>
  );
}

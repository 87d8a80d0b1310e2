import type Stripe from 'stripe';
import type { StripeInvoiceRow } from './stripe-invoices.repository.ts';

type StripeInvoiceStatus = StripeInvoiceRow['status'];
const STATUSES: readonly string[] = [
  'draft',
  'open',
  'paid',
  'uncollectible',
  'void',
] satisfies StripeInvoiceStatus[];

const instant = (seconds: number | null | undefined) =>
  typeof seconds === 'number' ? new Date(seconds * 1000) : null;

/**
 * A card customer's invoice at Stripe as the portal keeps it (listed beside its own, with Stripe's hosted link):
 * amounts in minor units as Stripe gives them, the currency as ISO 4217 in capitals like the portal's own, times
 * from Stripe's unix seconds. Null for a status Stripe may add later: such an invoice is not shown until it has
 * one of the documented states.
 */
export function stripeInvoiceRow(
  invoice: Stripe.Invoice,
  customerId: string,
  now: Date,
): StripeInvoiceRow | null {
  const status = invoice.status ?? 'draft';
  if (!STATUSES.includes(status)) return null;
  return {
    id: invoice.id,
    customerId,
    number: invoice.number,
    status: status as StripeInvoiceStatus,
    currency: invoice.currency.toUpperCase(),
    totalMinor: invoice.total,
    amountPaidMinor: invoice.amount_paid,
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    invoicePdfUrl: invoice.invoice_pdf ?? null,
    periodStart: instant(invoice.period_start),
    periodEnd: instant(invoice.period_end),
    createdAt: instant(invoice.created) ?? now,
    updatedAt: now,
  };
}

import type { StripeInvoiceItem } from '@vmsp/contracts';
import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { stripeInvoices } from '../../db/schema.ts';

/**
 * A card customer's invoices at Stripe, newest first, as kept from Stripe's webhooks: listed beside the
 * portal's own invoices (customer details overlay, the portal's Invoices page), with Stripe's hosted link.
 */
export async function stripeInvoicesOf(executor: Executor, customerId: string): Promise<StripeInvoiceItem[]> {
  const rows = await executor
    .select()
    .from(stripeInvoices)
    .where(eq(stripeInvoices.customerId, customerId))
    .orderBy(desc(stripeInvoices.createdAt), desc(stripeInvoices.id));
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    currency: r.currency,
    totalMinor: r.totalMinor,
    amountPaidMinor: r.amountPaidMinor,
    hostedInvoiceUrl: r.hostedInvoiceUrl,
    createdAt: r.createdAt.toISOString(),
  }));
}

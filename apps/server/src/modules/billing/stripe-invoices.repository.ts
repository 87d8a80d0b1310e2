import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { stripeInvoices } from '../../db/schema.ts';

export type StripeInvoiceRow = typeof stripeInvoices.$inferInsert;

/**
 * How far an invoice has come at Stripe: draft → open → paid or void, or open → uncollectible → paid or void.
 * Events may be handled out of order (a retried job); a state read earlier never replaces a later one.
 */
const progress = (status: SQL) =>
  sql`(case ${status} when 'draft' then 0 when 'open' then 1 when 'uncollectible' then 2 else 3 end)`;

/** Stores Stripe's invoice as read back from Stripe: inserted once, then kept as its newest state. */
export async function upsertStripeInvoice(executor: Executor, row: StripeInvoiceRow): Promise<void> {
  await executor
    .insert(stripeInvoices)
    .values(row)
    .onConflictDoUpdate({
      target: stripeInvoices.id,
      set: {
        number: sql`excluded.number`,
        status: sql`excluded.status`,
        currency: sql`excluded.currency`,
        totalMinor: sql`excluded.total_minor`,
        amountPaidMinor: sql`excluded.amount_paid_minor`,
        hostedInvoiceUrl: sql`excluded.hosted_invoice_url`,
        invoicePdfUrl: sql`excluded.invoice_pdf_url`,
        periodStart: sql`excluded.period_start`,
        periodEnd: sql`excluded.period_end`,
        updatedAt: sql`excluded.updated_at`,
      },
      setWhere: sql`${progress(sql`excluded.status`)} >= ${progress(sql`${stripeInvoices.status}`)}`,
    });
}

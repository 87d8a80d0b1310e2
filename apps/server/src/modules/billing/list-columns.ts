import { eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/connection.ts';
import { customers, subscriptions } from '../../db/schema.ts';
import type { CustomerRecord } from './customer-accounts.ts';

/*
 * The Billing list shows each customer's subscription (IPs, payment method, monthly price, status) without a
 * join: these columns of the customer row are billing's, kept here and written nowhere else.
 */

/**
 * Copies the running subscription periods of these customers into their list columns (0/0 and Free without
 * one), bumping the version so that a dialog opened before the month end cannot overwrite what it applied.
 * The status is recomputed by customerStatus's rule (@vmsp/domain), written in SQL so a batch is one statement:
 * locked, then deleting, then invited until registered, then active while a subscription runs. The ids travel
 * as one array parameter.
 */
export async function mirrorListColumns(executor: Executor, ids: string[], now: Date): Promise<void> {
  if (!ids.length) return;
  await executor.execute(sql`
    update ${customers} c set
      ips_internal = m.ips_internal,
      ips_external = m.ips_external,
      payment_method = m.payment_method,
      monthly_price_minor = m.monthly_price_minor,
      currency = m.currency,
      status = m.status,
      updated_at = ${now.toISOString()}::timestamptz,
      version = c.version + 1
    from (
      select target.id,
        coalesce(s.ips_internal, 0) as ips_internal,
        coalesce(s.ips_external, 0) as ips_external,
        coalesce(s.payment_method, 'free') as payment_method,
        s.monthly_price_minor,
        coalesce(s.currency, target.currency) as currency,
        case
          when target.locked then 'locked'
          when target.deletion_requested_at is not null then 'deleting'
          when target.registered_at is null then 'invited'
          when s.id is not null then 'active'
          else 'inactive' end as status
      from ${customers} target
      left join ${subscriptions} s on s.customer_id = target.id and s.ended_at is null
      where target.id = any(${sql.param(ids)}::uuid[])
    ) m
    where c.id = m.id`);
}

/** A card payment failed (`at`) or went through again (null): the row's "Payment failed" badge. */
export async function setPaymentFailedAt(
  tx: Tx,
  c: CustomerRecord,
  at: Date | null,
  now: Date,
): Promise<CustomerRecord> {
  const [row] = await tx
    .update(customers)
    .set({ paymentFailedAt: at, updatedAt: now, version: sql`${customers.version} + 1` })
    .where(eq(customers.id, c.id))
    .returning();
  if (!row) throw new Error(`customer ${c.id} vanished under its lock`);
  return row;
}

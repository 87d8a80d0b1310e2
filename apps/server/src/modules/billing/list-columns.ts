import { billingListColumns, type RunningSubscription } from '@vmsp/domain';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { arrayParam } from '../../db/array-param.ts';
import type { Executor, Tx } from '../../db/connection.ts';
import { customers, subscriptions } from '../../db/schema.ts';
import type { CustomerRecord } from './customer-accounts.ts';

/*
 * The Billing list shows each customer's subscription (IPs, payment method, monthly price, status) without a
 * join: these columns of the customer row are billing's, kept here and written nowhere else.
 */

/** What the list columns of one customer row follow from: the row's own facts and its running period. */
export interface ListColumnsSource {
  customer: Pick<CustomerRecord, 'id' | 'locked' | 'deletionRequestedAt' | 'registeredAt' | 'currency'>;
  running: RunningSubscription | null;
}

/**
 * Copies the running subscription periods of these customers into their list columns (0/0 and Free without
 * one), bumping the version so that a dialog opened before the month end cannot overwrite what it applied.
 * Callers hold the customers' row locks.
 */
export async function mirrorListColumns(executor: Executor, ids: string[], now: Date): Promise<void> {
  if (!ids.length) return;
  const rows = await executor
    .select({
      customer: {
        id: customers.id,
        locked: customers.locked,
        deletionRequestedAt: customers.deletionRequestedAt,
        registeredAt: customers.registeredAt,
        currency: customers.currency,
      },
      running: subscriptions,
    })
    .from(customers)
    .leftJoin(subscriptions, and(eq(subscriptions.customerId, customers.id), isNull(subscriptions.endedAt)))
    .where(sql`${customers.id} = any(${sql.param(ids)}::uuid[])`);
  await writeListColumns(executor, rows, now);
}

/**
 * Writes the list columns of customer rows whose facts and running periods the caller has read under their
 * row locks (the month end reads them with its batch). The columns and the status come from the domain's one
 * rule (billingListColumns); the whole batch is one statement with one array parameter per column.
 */
export async function writeListColumns(
  executor: Executor,
  sources: ListColumnsSource[],
  now: Date,
): Promise<void> {
  if (!sources.length) return;
  const rows = sources.map((s) => ({ id: s.customer.id, ...billingListColumns(s.customer, s.running) }));
  const column = (pick: (r: (typeof rows)[number]) => unknown, type: string) =>
    arrayParam(rows.map(pick), type);
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
    from unnest(${column((r) => r.id, 'uuid')}, ${column((r) => r.ipsInternal, 'int')},
      ${column((r) => r.ipsExternal, 'int')}, ${column((r) => r.paymentMethod, 'text')},
      ${column((r) => r.monthlyPriceMinor, 'bigint')}, ${column((r) => r.currency, 'text')},
      ${column((r) => r.status, 'text')})
      as m(id, ips_internal, ips_external, payment_method, monthly_price_minor, currency, status)
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

import { and, asc, desc, eq, isNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import { arrayParam } from '../../db/array-param.ts';
import type { Executor } from '../../db/connection.ts';
import { customers, pendingSubscriptionChanges, subscriptions } from '../../db/schema.ts';

export type PeriodRecord = typeof subscriptions.$inferSelect;
export type NewPeriodRecord = typeof subscriptions.$inferInsert;
export type PendingRecord = typeof pendingSubscriptionChanges.$inferSelect;

export async function periodsOf(executor: Executor, customerId: string): Promise<PeriodRecord[]> {
  return executor
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.customerId, customerId))
    .orderBy(desc(subscriptions.startedAt), desc(subscriptions.endedAt));
}

export async function runningPeriod(executor: Executor, customerId: string) {
  const [row] = await executor
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.customerId, customerId), isNull(subscriptions.endedAt)));
  return row;
}

export async function pendingOf(executor: Executor, customerId: string) {
  const [row] = await executor
    .select()
    .from(pendingSubscriptionChanges)
    .where(eq(pendingSubscriptionChanges.customerId, customerId));
  return row;
}

export async function insertPeriods(executor: Executor, rows: NewPeriodRecord[]): Promise<PeriodRecord[]> {
  return rows.length ? executor.insert(subscriptions).values(rows).returning() : [];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Ends running periods, each at its own instant. */
export async function endPeriods(executor: Executor, ends: { id: string; at: Date }[]): Promise<void> {
  if (!ends.length) return;
  await executor.execute(sql`
    update ${subscriptions} set ended_at = e.at
    from unnest(${arrayParam(
      ends.map((e) => e.id),
      'uuid',
    )}, ${arrayParam(
      ends.map((e) => iso(e.at)),
      'timestamptz',
    )}) as e(id, at)
    where ${subscriptions.id} = e.id and ${subscriptions.endedAt} is null`);
}

/** Starts periods in bulk (the month end), without reading them back. */
export async function addPeriods(executor: Executor, rows: NewPeriodRecord[]): Promise<void> {
  if (!rows.length) return;
  const column = <T>(pick: (r: NewPeriodRecord) => T, type: string) => arrayParam(rows.map(pick), type);
  await executor.execute(sql`
    insert into ${subscriptions} (customer_id, ips_internal, ips_external, payment_method, price_version,
      monthly_price_minor, currency, started_at, ended_at, term_ends_at, project_key_id)
    select * from unnest(
      ${column((r) => r.customerId, 'uuid')}, ${column((r) => r.ipsInternal, 'int')},
      ${column((r) => r.ipsExternal, 'int')}, ${column((r) => r.paymentMethod, 'text')},
      ${column((r) => r.priceVersion ?? null, 'int')}, ${column((r) => r.monthlyPriceMinor, 'bigint')},
      ${column((r) => r.currency, 'text')}, ${column((r) => iso(r.startedAt), 'timestamptz')},
      ${column((r) => iso(r.endedAt ?? null), 'timestamptz')}, ${column((r) => iso(r.termEndsAt ?? null), 'timestamptz')},
      ${column((r) => r.projectKeyId ?? null, 'text')})`);
}

/** Replaces the customer's pending change: there is at most one, and the newest wins. */
export async function upsertPending(executor: Executor, row: PendingRecord): Promise<void> {
  const { customerId: _, ...rest } = row;
  await executor
    .insert(pendingSubscriptionChanges)
    .values(row)
    .onConflictDoUpdate({ target: pendingSubscriptionChanges.customerId, set: rest });
}

export async function deletePending(executor: Executor, customerIds: string[]): Promise<void> {
  if (!customerIds.length) return;
  await executor
    .delete(pendingSubscriptionChanges)
    .where(sql`${pendingSubscriptionChanges.customerId} = any(${arrayParam(customerIds, 'uuid')})`);
}

/** The facts of a customer row its list columns follow from, read with the row's lock by the month end. */
const customerFacts = {
  id: customers.id,
  locked: customers.locked,
  deletionRequestedAt: customers.deletionRequestedAt,
  registeredAt: customers.registeredAt,
  currency: customers.currency,
};
export type CustomerFacts = {
  id: string;
  locked: boolean;
  deletionRequestedAt: Date | null;
  registeredAt: Date | null;
  currency: string;
};

/**
 * Pending changes due at `now`, oldest first, locked together with their customers' rows, each with the running
 * period it replaces (null without one). Customers are locked first by every change (an admin's, a customer's,
 * this job's), so the job never interleaves with a change being made, and the running period read here stays
 * as it is until the job ends it (its update waits for a lock held on the period itself); SKIP LOCKED lets
 * several instances work through one month end side by side without waiting for or repeating each other's
 * rows, and a customer busy with a change is simply taken in the next run.
 */
export async function lockDueChanges(
  executor: Executor,
  now: Date,
  limit: number,
  customerId?: string,
): Promise<{ change: PendingRecord; customer: CustomerFacts; running: PeriodRecord | null }[]> {
  const conditions: SQL[] = [lte(pendingSubscriptionChanges.effectiveAt, now)];
  if (customerId) conditions.push(eq(pendingSubscriptionChanges.customerId, customerId));
  return executor
    .select({ change: pendingSubscriptionChanges, customer: customerFacts, running: subscriptions })
    .from(pendingSubscriptionChanges)
    .innerJoin(customers, eq(customers.id, pendingSubscriptionChanges.customerId))
    .leftJoin(
      subscriptions,
      and(eq(subscriptions.customerId, pendingSubscriptionChanges.customerId), isNull(subscriptions.endedAt)),
    )
    .where(and(...conditions))
    .orderBy(asc(pendingSubscriptionChanges.effectiveAt))
    .limit(limit)
    .for('update', { of: [pendingSubscriptionChanges, customers], skipLocked: true });
}

/** Running periods whose fixed term has ended by `now`, locked with their customers (see lockDueChanges). */
export async function lockTermEnded(
  executor: Executor,
  now: Date,
  limit: number,
): Promise<{ period: PeriodRecord; customer: CustomerFacts }[]> {
  return lockRunningWithCustomers(executor, lte(subscriptions.termEndsAt, now), limit);
}

/**
 * Running periods priced by a version older than `version`, locked with their customers (see lockDueChanges on
 * SKIP LOCKED). Ordered by version, so the scan walks the running periods' version index and stops at the
 * current version: in customer order it would step over every period already moved, batch after batch.
 */
export async function lockRunningBefore(
  executor: Executor,
  version: number,
  limit: number,
): Promise<{ period: PeriodRecord; customer: CustomerFacts }[]> {
  return lockRunningWithCustomers(
    executor,
    lt(subscriptions.priceVersion, version),
    limit,
    asc(subscriptions.priceVersion),
  );
}

/** Up to `limit` running periods that match `condition`, locked with their customers' rows, skipping locked ones. */
function lockRunningWithCustomers(executor: Executor, condition: SQL, limit: number, order?: SQL) {
  const query = executor
    .select({ period: subscriptions, customer: customerFacts })
    .from(subscriptions)
    .innerJoin(customers, eq(customers.id, subscriptions.customerId))
    .where(and(isNull(subscriptions.endedAt), condition))
    .$dynamic();
  return (order ? query.orderBy(order) : query)
    .limit(limit)
    .for('update', { of: [subscriptions, customers], skipLocked: true });
}

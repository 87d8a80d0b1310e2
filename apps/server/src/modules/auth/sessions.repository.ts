import { eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { customers, rateLimitBuckets, sessions, users } from '../../db/schema.ts';

export type SessionRow = typeof sessions.$inferSelect;
export type UserRow = typeof users.$inferSelect;

export async function insertSession(executor: Executor, row: typeof sessions.$inferInsert): Promise<void> {
  await executor.insert(sessions).values(row);
}

/** What decides whether a customer's users may sign in: the account's lock and deletion. */
export type CustomerAccess = { locked: boolean; status: string } | null;

/**
 * The lookup behind every signed-in request, as one named prepared statement per database: built once here,
 * and on a PostgreSQL server parsed and planned once per connection (node-postgres sends it by name). PGlite
 * has no named statements; there the prepared query still saves building the SQL on every request.
 */
function sessionLookup(executor: Executor) {
  return executor
    .select({
      session: sessions,
      user: users,
      customer: { locked: customers.locked, status: customers.status },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(customers, eq(customers.id, users.customerId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('session_with_user');
}
const sessionLookups = new WeakMap<Executor, ReturnType<typeof sessionLookup>>();

/** A session with its user and what decides whether the user may still use it. */
export type SessionWithUser = { session: SessionRow; user: UserRow; customer: CustomerAccess };

export async function findSessionWithUser(
  executor: Executor,
  tokenHash: string,
): Promise<SessionWithUser | undefined> {
  let lookup = sessionLookups.get(executor);
  if (!lookup) {
    lookup = sessionLookup(executor);
    sessionLookups.set(executor, lookup);
  }
  const [row] = await lookup.execute({ tokenHash });
  return row;
}

export async function findCustomerAccess(
  executor: Executor,
  customerId: string | null,
): Promise<CustomerAccess> {
  if (!customerId) return null;
  const [row] = await executor
    .select({ locked: customers.locked, status: customers.status })
    .from(customers)
    .where(eq(customers.id, customerId));
  return row ?? null;
}

export async function touchSession(executor: Executor, tokenHash: string, at: Date): Promise<void> {
  await executor.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(executor: Executor, tokenHash: string): Promise<void> {
  await executor.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOfUser(executor: Executor, userId: string): Promise<number> {
  const rows = await executor
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ h: sessions.tokenHash });
  return rows.length;
}

export async function deleteExpiredSessions(executor: Executor, now: Date): Promise<void> {
  await executor.delete(sessions).where(lt(sessions.expiresAt, now));
}

export type Bucket = { count: number; resetAt: Date };

export async function findBucket(executor: Executor, key: string): Promise<Bucket | undefined> {
  const [row] = await executor
    .select({ count: rateLimitBuckets.count, resetAt: rateLimitBuckets.resetAt })
    .from(rateLimitBuckets)
    .where(eq(rateLimitBuckets.key, key));
  return row;
}

/** Counts one more hit in the key's window, starting a new window when the old one has run out. Atomic. */
export async function hitBucket(
  executor: Executor,
  key: string,
  now: Date,
  windowMs: number,
): Promise<Bucket> {
  const resetAt = new Date(now.getTime() + windowMs);
  const [row] = await executor
    .insert(rateLimitBuckets)
    .values({ key, count: 1, resetAt })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        count: sql`case when ${rateLimitBuckets.resetAt} > ${now.toISOString()}::timestamptz then ${rateLimitBuckets.count} + 1 else 1 end`,
        resetAt: sql`case when ${rateLimitBuckets.resetAt} > ${now.toISOString()}::timestamptz then ${rateLimitBuckets.resetAt} else ${resetAt.toISOString()}::timestamptz end`,
      },
    })
    .returning({ count: rateLimitBuckets.count, resetAt: rateLimitBuckets.resetAt });
  if (!row) throw new Error('rate limit upsert returned no row');
  return row;
}

export async function deleteBucket(executor: Executor, key: string): Promise<void> {
  await executor.delete(rateLimitBuckets).where(eq(rateLimitBuckets.key, key));
}

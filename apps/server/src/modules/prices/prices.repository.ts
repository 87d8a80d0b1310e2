import { desc, eq, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { priceVersions } from '../../db/schema.ts';

export type PriceVersionRecord = typeof priceVersions.$inferSelect;

export async function listVersions(executor: Executor): Promise<PriceVersionRecord[]> {
  return executor.select().from(priceVersions).orderBy(desc(priceVersions.version));
}

export async function latestVersion(executor: Executor): Promise<PriceVersionRecord | undefined> {
  const [row] = await executor.select().from(priceVersions).orderBy(desc(priceVersions.version)).limit(1);
  return row;
}

/** The newest version that running subscriptions are priced by at `at`. */
export async function versionRunningAt(
  executor: Executor,
  at: Date,
): Promise<PriceVersionRecord | undefined> {
  const [row] = await executor
    .select()
    .from(priceVersions)
    .where(lte(priceVersions.runningFrom, at))
    .orderBy(desc(priceVersions.version))
    .limit(1);
  return row;
}

export async function findVersion(executor: Executor, version: number) {
  const [row] = await executor.select().from(priceVersions).where(eq(priceVersions.version, version));
  return row;
}

/**
 * Serialises saves of the price table: the next version number is read under this lock, so two admins saving
 * at once get consecutive versions (and the second one a conflict), never the same number.
 */
export async function lockVersions(executor: Executor): Promise<void> {
  await executor.execute(sql`lock table ${priceVersions} in share row exclusive mode`);
}

export async function insertVersion(
  executor: Executor,
  row: typeof priceVersions.$inferInsert,
): Promise<PriceVersionRecord> {
  const [inserted] = await executor.insert(priceVersions).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

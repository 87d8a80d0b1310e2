import { desc, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { purchasePriceVersions } from '../../db/schema.ts';

export type PurchasePriceVersionRecord = typeof purchasePriceVersions.$inferSelect;

export async function listVersions(executor: Executor): Promise<PurchasePriceVersionRecord[]> {
  return executor.select().from(purchasePriceVersions).orderBy(desc(purchasePriceVersions.version));
}

export async function latestVersion(executor: Executor): Promise<PurchasePriceVersionRecord | undefined> {
  const [row] = await executor
    .select()
    .from(purchasePriceVersions)
    .orderBy(desc(purchasePriceVersions.version))
    .limit(1);
  return row;
}

/** The newest version whose purchase prices apply at `at`. */
export async function versionRunningAt(
  executor: Executor,
  at: Date,
): Promise<PurchasePriceVersionRecord | undefined> {
  const [row] = await executor
    .select()
    .from(purchasePriceVersions)
    .where(lte(purchasePriceVersions.runningFrom, at))
    .orderBy(desc(purchasePriceVersions.version))
    .limit(1);
  return row;
}

/** Serialises saves, so two admins saving at once get consecutive versions (the second one a conflict). */
export async function lockVersions(executor: Executor): Promise<void> {
  await executor.execute(sql`lock table ${purchasePriceVersions} in share row exclusive mode`);
}

export async function insertVersion(
  executor: Executor,
  row: typeof purchasePriceVersions.$inferInsert,
): Promise<PurchasePriceVersionRecord> {
  const [inserted] = await executor.insert(purchasePriceVersions).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

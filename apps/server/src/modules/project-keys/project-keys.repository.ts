import { and, asc, desc, eq, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { projectKeyRedemptions, projectKeySigners } from '../../db/schema.ts';

export type SignerRecord = typeof projectKeySigners.$inferSelect;

export async function listSigners(executor: Executor): Promise<SignerRecord[]> {
  return executor.select().from(projectKeySigners).orderBy(asc(projectKeySigners.createdAt));
}

/** Undefined when a signer with this kid exists already (the kid is the primary key). */
export async function insertSigner(
  executor: Executor,
  row: typeof projectKeySigners.$inferInsert,
): Promise<SignerRecord | undefined> {
  const [inserted] = await executor.insert(projectKeySigners).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findSigner(executor: Executor, kid: string): Promise<SignerRecord | undefined> {
  const [row] = await executor.select().from(projectKeySigners).where(eq(projectKeySigners.kid, kid));
  return row;
}

export async function deleteSigner(executor: Executor, kid: string): Promise<SignerRecord | undefined> {
  const [deleted] = await executor
    .delete(projectKeySigners)
    .where(eq(projectKeySigners.kid, kid))
    .returning();
  return deleted;
}

export async function isRedeemed(executor: Executor, keyId: string): Promise<boolean> {
  const [row] = await executor
    .select({ keyId: projectKeyRedemptions.keyId })
    .from(projectKeyRedemptions)
    .where(eq(projectKeyRedemptions.keyId, keyId));
  return row !== undefined;
}

export type RedemptionRecord = typeof projectKeyRedemptions.$inferSelect;

/** Undefined when the key id was redeemed already: the primary key lets exactly one redemption in. */
export async function insertRedemption(
  executor: Executor,
  row: typeof projectKeyRedemptions.$inferInsert,
): Promise<RedemptionRecord | undefined> {
  const [inserted] = await executor
    .insert(projectKeyRedemptions)
    .values(row)
    .onConflictDoNothing()
    .returning();
  return inserted;
}

export async function redemptionsOf(executor: Executor, customerId: string): Promise<RedemptionRecord[]> {
  return executor
    .select()
    .from(projectKeyRedemptions)
    .where(eq(projectKeyRedemptions.customerId, customerId))
    .orderBy(desc(projectKeyRedemptions.redeemedAt));
}

/** Terms ending by `before` whose provider has not been reminded yet, locked so one instance reminds. */
export async function lockTermsToRemind(executor: Executor, before: Date, limit: number) {
  return executor
    .select()
    .from(projectKeyRedemptions)
    .where(
      and(
        isNull(projectKeyRedemptions.reminderSentAt),
        isNotNull(projectKeyRedemptions.customerId),
        lte(projectKeyRedemptions.termEndsAt, before),
      ),
    )
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markReminded(executor: Executor, keyIds: string[], at: Date): Promise<void> {
  if (keyIds.length) {
    await executor
      .update(projectKeyRedemptions)
      .set({ reminderSentAt: at })
      .where(inArray(projectKeyRedemptions.keyId, keyIds));
  }
}

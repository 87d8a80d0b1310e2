import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { oneTimeTokens, users } from '../../db/schema.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
export type TokenRow = typeof oneTimeTokens.$inferSelect;
export type TokenPurpose = TokenRow['purpose'];

export async function findUserByEmail(executor: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await executor
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row;
}

export async function findUserById(executor: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await executor.select().from(users).where(eq(users.id, id));
  return row;
}

export async function insertUser(executor: Executor, row: NewUserRow): Promise<UserRow> {
  const [inserted] = await executor.insert(users).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

export async function updateUser(
  executor: Executor,
  id: string,
  patch: Partial<NewUserRow>,
): Promise<UserRow | undefined> {
  const [row] = await executor.update(users).set(patch).where(eq(users.id, id)).returning();
  return row;
}

export async function deleteUser(executor: Executor, id: string): Promise<void> {
  await executor.delete(users).where(eq(users.id, id));
}

/** With `forUpdate`, locks every admin row, so that two removals cannot both pass the "last admin" check. */
export async function listAdminRows(
  executor: Executor,
  options: { forUpdate?: boolean } = {},
): Promise<UserRow[]> {
  const query = executor
    .select()
    .from(users)
    .where(eq(users.role, 'admin'))
    .orderBy(asc(users.createdAt), asc(users.email));
  return options.forUpdate ? query.for('update') : query;
}

export async function countUsersByRole(executor: Executor, role: UserRow['role']): Promise<number> {
  const [row] = await executor.select({ n: count() }).from(users).where(eq(users.role, role));
  return Number(row?.n ?? 0);
}

export async function insertToken(executor: Executor, row: typeof oneTimeTokens.$inferInsert): Promise<void> {
  await executor.insert(oneTimeTokens).values(row);
}

/** Locks the token row, so a link used twice at the same moment succeeds once. */
export async function findTokenForUpdate(
  executor: Executor,
  tokenHash: string,
): Promise<TokenRow | undefined> {
  const [row] = await executor
    .select()
    .from(oneTimeTokens)
    .where(eq(oneTimeTokens.tokenHash, tokenHash))
    .for('update');
  return row;
}

export async function findToken(executor: Executor, tokenHash: string): Promise<TokenRow | undefined> {
  const [row] = await executor.select().from(oneTimeTokens).where(eq(oneTimeTokens.tokenHash, tokenHash));
  return row;
}

export async function markTokenUsed(executor: Executor, tokenHash: string, at: Date): Promise<void> {
  await executor.update(oneTimeTokens).set({ usedAt: at }).where(eq(oneTimeTokens.tokenHash, tokenHash));
}

/** Kills the open links of a purpose (for a user, or the user-less first-admin links). */
export async function deleteOpenTokens(
  executor: Executor,
  purposes: TokenPurpose[],
  userId: string | null,
): Promise<void> {
  await executor
    .delete(oneTimeTokens)
    .where(
      and(
        inArray(oneTimeTokens.purpose, purposes),
        userId ? eq(oneTimeTokens.userId, userId) : isNull(oneTimeTokens.userId),
        isNull(oneTimeTokens.usedAt),
      ),
    );
}

export async function listUsersOfCustomer(executor: Executor, customerId: string): Promise<UserRow[]> {
  return executor
    .select()
    .from(users)
    .where(eq(users.customerId, customerId))
    .orderBy(asc(users.createdAt), asc(users.email));
}

/** Bulk insert for seeding large data sets. */
export async function insertUsers(executor: Executor, rows: NewUserRow[]): Promise<void> {
  if (rows.length) await executor.insert(users).values(rows);
}

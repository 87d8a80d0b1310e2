import { and, count, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { containsPattern } from '../../db/contains-pattern.ts';
import { mails } from '../../db/schema.ts';

export type MailRow = typeof mails.$inferSelect;
export type NewMailRow = typeof mails.$inferInsert;
export type MailStatus = MailRow['status'];

export async function insertMail(executor: Executor, row: NewMailRow): Promise<MailRow> {
  const [inserted] = await executor.insert(mails).values(row).returning();
  if (!inserted) throw new Error('insert into mails returned no row');
  return inserted;
}

export async function findMail(
  executor: Executor,
  id: string,
  options: { forUpdate: boolean },
): Promise<MailRow | undefined> {
  const query = executor.select().from(mails).where(eq(mails.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function updateMail(
  executor: Executor,
  id: string,
  patch: Partial<Omit<NewMailRow, 'id' | 'createdAt'>>,
): Promise<MailRow | undefined> {
  const [row] = await executor.update(mails).set(patch).where(eq(mails.id, id)).returning();
  return row;
}

export async function listMails(
  executor: Executor,
  filter: { status?: MailStatus | undefined; q?: string | undefined },
  page: { limit: number; offset: number },
): Promise<{ rows: MailRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(mails.status, filter.status));
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    const matches = or(
      sql`lower(${mails.toAddress}) like ${pattern}`,
      sql`lower(${mails.subject}) like ${pattern}`,
    );
    if (matches) conditions.push(matches);
  }
  const where = and(...conditions);
  const rows = await executor
    .select()
    .from(mails)
    .where(where)
    .orderBy(desc(mails.createdAt), desc(mails.id))
    .limit(page.limit)
    .offset(page.offset);
  const [totalRow] = await executor.select({ n: count() }).from(mails).where(where);
  return { rows, total: Number(totalRow?.n ?? 0) };
}

/** Whether a test mail ever reached a real mail server (not only the log). */
export async function anyTestMailDelivered(executor: Executor): Promise<boolean> {
  const rows = await executor
    .select({ id: mails.id })
    .from(mails)
    .where(and(eq(mails.template, 'test'), eq(mails.status, 'sent'), eq(mails.logOnly, false)))
    .limit(1);
  return rows.length > 0;
}

export async function deleteMailsTo(executor: Executor, addresses: string[]): Promise<void> {
  if (addresses.length) await executor.delete(mails).where(inArray(mails.toAddress, addresses));
}

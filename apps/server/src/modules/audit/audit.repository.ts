import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { auditLog } from '../../db/schema.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

export async function insertAuditRows(executor: Executor, rows: NewAuditRow[]): Promise<void> {
  if (rows.length) await executor.insert(auditLog).values(rows);
}

export async function listAuditRows(
  executor: Executor,
  filter: { objectType?: string | undefined; objectId?: string | undefined },
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.objectType) conditions.push(eq(auditLog.objectType, filter.objectType));
  if (filter.objectId) conditions.push(eq(auditLog.objectId, filter.objectId));
  const where = conditions.length ? and(...conditions) : undefined;
  const rows = await executor
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset);
  const [totalRow] = await executor.select({ n: count() }).from(auditLog).where(where);
  return { rows, total: Number(totalRow?.n ?? 0) };
}

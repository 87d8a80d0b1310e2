import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { auditLog } from '../../db/schema.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

/**
 * Writes the rows in one statement with one parameter: the rows as a JSON array, unpacked by the server. A
 * multi-row VALUES list would take nine parameters a row (45,000 for a month-end batch of 5,000), which costs
 * more to bind and to plan than the rows cost to write.
 */
export async function insertAuditRows(executor: Executor, rows: NewAuditRow[]): Promise<void> {
  if (!rows.length) return;
  const json = JSON.stringify(
    rows.map((r) => ({
      at: r.at.toISOString(),
      actor_id: r.actorId ?? null,
      actor_email: r.actorEmail ?? null,
      action: r.action,
      object_type: r.objectType,
      object_id: r.objectId ?? null,
      // An absent value is SQL null (no column value), as the ORM's insert wrote it; JSON null is kept apart.
      before: r.before === null || r.before === undefined ? undefined : r.before,
      after: r.after === null || r.after === undefined ? undefined : r.after,
      ip: r.ip ?? null,
    })),
  );
  // The parameter is text (cast on the server), so both drivers send the string as it is.
  await executor.execute(sql`
    insert into audit_log (at, actor_id, actor_email, action, object_type, object_id, before, after, ip)
    select at, actor_id, actor_email, action, object_type, object_id, before, after, ip
    from jsonb_to_recordset(${json}::text::jsonb) as r(at timestamptz, actor_id uuid, actor_email text, action text,
      object_type text, object_id text, before jsonb, after jsonb, ip text)`);
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

/** Empties what entries about `objectId` held, and everything entries by `actorIds` say of their actor. */
export async function redactAuditRows(
  executor: Executor,
  filter: { objectId: string; actorIds: string[] },
): Promise<void> {
  await executor
    .update(auditLog)
    .set({ before: null, after: null })
    .where(eq(auditLog.objectId, filter.objectId));
  if (!filter.actorIds.length) return;
  await executor
    .update(auditLog)
    .set({ before: null, after: null, actorEmail: null, ip: null })
    .where(inArray(auditLog.actorId, filter.actorIds));
}

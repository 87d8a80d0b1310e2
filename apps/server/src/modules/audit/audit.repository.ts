import { and, count, desc, eq, getTableColumns, inArray, or, type SQL, sql } from 'drizzle-orm';
import { arrayParam } from '../../db/array-param.ts';
import { type Executor, queryRows } from '../../db/connection.ts';
import { auditLog } from '../../db/schema.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

/**
 * Writes the rows in one statement with one array parameter per column. A multi-row VALUES list would take nine
 * parameters a row (45,000 for a month-end batch of 5,000), which costs more to bind and to plan than the rows
 * cost to write; the arrays are parsed once, each before/after value straight into jsonb.
 */
export async function insertAuditRows(executor: Executor, rows: NewAuditRow[]): Promise<void> {
  if (!rows.length) return;
  // An absent value is SQL null (no column value), as the ORM's insert wrote it; JSON null is kept apart.
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  const column = (pick: (r: NewAuditRow) => unknown, type: string) => arrayParam(rows.map(pick), type);
  await executor.execute(sql`
    insert into audit_log (at, actor_id, actor_email, action, object_type, object_id, before, after, ip)
    select * from unnest(
      ${column((r) => r.at.toISOString(), 'timestamptz')},
      ${column((r) => r.actorId ?? null, 'uuid')},
      ${column((r) => r.actorEmail ?? null, 'text')},
      ${column((r) => r.action, 'text')},
      ${column((r) => r.objectType, 'text')},
      ${column((r) => r.objectId ?? null, 'text')},
      ${column((r) => json(r.before), 'jsonb')},
      ${column((r) => json(r.after), 'jsonb')},
      ${column((r) => r.ip ?? null, 'text')})`);
}

/**
 * Writes one row per row of `rows`, a query yielding object_id, before and after (jsonb) that the caller builds
 * from the rows it changed: the server makes the entries of a bulk change without their JSON being sent and
 * parsed (for a month-end batch, half the cost of insertAuditRows).
 */
export async function insertAuditRowsFrom(
  executor: Executor,
  entry: { at: Date; action: string; objectType: string },
  rows: SQL,
): Promise<void> {
  await executor.execute(sql`
    insert into audit_log (at, action, object_type, object_id, before, after)
    select ${entry.at.toISOString()}::timestamptz, ${entry.action}, ${entry.objectType}, r.object_id, r.before, r.after
    from (${rows}) as r`);
}

/** What a list or an export selects; every part optional, all of them combined. */
export interface AuditRowFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  /** The entries about a customer: its own, its invoices' and its users' (password resets). */
  customer?: CustomerObjects | undefined;
  /** First and last day ('YYYY-MM-DD'), both included, of the calendar in `timeZone`. */
  days?: { from?: string | undefined; to?: string | undefined; timeZone: string } | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
}

export interface CustomerObjects {
  id: string;
  invoiceIds: string[];
  userIds: string[];
}

/** An entry with the display name of its object. */
export type NamedAuditRow = AuditRow & { objectName: string | null };

/** Totals are counted up to here; beyond it the total is a lower bound (a page of millions needs no exact count). */
export const AUDIT_COUNT_CAP = 10_000;

/** The ids of what belongs to a customer, whose entries name those ids rather than the customer's. */
export async function customerObjects(executor: Executor, customerId: string): Promise<CustomerObjects> {
  const rows = await queryRows<{ kind: 'invoice' | 'user'; id: string }>(
    executor,
    sql`select 'invoice' as kind, id::text as id from invoices where customer_id = ${customerId}
        union all
        select 'user' as kind, id::text as id from users where customer_id = ${customerId}`,
  );
  const idsOf = (kind: 'invoice' | 'user') => rows.filter((r) => r.kind === kind).map((r) => r.id);
  return { id: customerId, invoiceIds: idsOf('invoice'), userIds: idsOf('user') };
}

/**
 * Each condition is an equality on the first column of an index whose second column is `at` (action, actor,
 * object), or a range on `at` itself, so a filtered page newest first is an index range scan however long the
 * log grows; a customer's objects are a handful of index lookups combined.
 */
function whereOf(filter: AuditRowFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.objectType) conditions.push(eq(auditLog.objectType, filter.objectType));
  if (filter.objectId) conditions.push(eq(auditLog.objectId, filter.objectId));
  // Local midnight as PostgreSQL's time-zone data places it (also on a day that begins or ends a DST change).
  const days = filter.days;
  if (days?.from)
    conditions.push(sql`${auditLog.at} >= (${days.from}::date::timestamp at time zone ${days.timeZone})`);
  if (days?.to)
    conditions.push(sql`${auditLog.at} < ((${days.to}::date + 1)::timestamp at time zone ${days.timeZone})`);
  const customer = filter.customer;
  if (customer) {
    const about = or(
      and(eq(auditLog.objectType, 'customer'), eq(auditLog.objectId, customer.id)),
      customer.invoiceIds.length
        ? and(eq(auditLog.objectType, 'invoice'), inArray(auditLog.objectId, customer.invoiceIds))
        : undefined,
      customer.userIds.length
        ? and(inArray(auditLog.objectType, ['session', 'user']), inArray(auditLog.objectId, customer.userIds))
        : undefined,
    );
    if (about) conditions.push(about);
  }
  return conditions.length ? and(...conditions) : undefined;
}

/** The object id as a uuid where it is one (for the lookups by primary key), else null. */
const objectUuid = sql`case when ${auditLog.objectId} ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
  then ${auditLog.objectId}::uuid end`;
const recorded = (field: string) =>
  sql`coalesce(${auditLog.after} ->> ${sql.raw(`'${field}'`)}, ${auditLog.before} ->> ${sql.raw(`'${field}'`)})`;

/**
 * The object's name as the portal knows it now (a renamed customer reads with its new name), else as the entry
 * recorded it (a removed admin, a deleted invoice's number); one primary-key lookup per row of the page.
 */
const objectName = sql<string | null>`case ${auditLog.objectType}
  when 'customer' then coalesce((select company_name from customers where id = ${objectUuid}), ${recorded('companyName')})
  when 'invoice' then coalesce((select number from invoices where id = ${objectUuid}), ${recorded('number')})
  when 'admin' then coalesce((select email from users where id = ${objectUuid}), ${recorded('email')})
  when 'user' then (select email from users where id = ${objectUuid})
  when 'session' then (select email from users where id = ${objectUuid})
  when 'mail' then ${recorded('to')}
  when 'project-key-signer' then ${recorded('label')}
  end`;

const namedColumns = { ...getTableColumns(auditLog), objectName: objectName.as('object_name') };

export async function listAuditRows(
  executor: Executor,
  filter: AuditRowFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: NamedAuditRow[]; total: number; totalIsLowerBound: boolean }> {
  const where = whereOf(filter);
  const rows = await executor
    .select(namedColumns)
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset);
  const capped = executor
    .select({ one: sql`1` })
    .from(auditLog)
    .where(where)
    .limit(AUDIT_COUNT_CAP + 1)
    .as('capped');
  const [totalRow] = await executor.select({ n: count() }).from(capped);
  const n = Number(totalRow?.n ?? 0);
  return n > AUDIT_COUNT_CAP
    ? { rows, total: AUDIT_COUNT_CAP, totalIsLowerBound: true }
    : { rows, total: n, totalIsLowerBound: false };
}

/** The next `limit` entries of the filter after `after` (newest first), for the export: a keyset, not an offset. */
export async function auditRowsAfter(
  executor: Executor,
  filter: AuditRowFilter,
  after: { at: Date; id: number } | null,
  limit: number,
): Promise<NamedAuditRow[]> {
  const where = whereOf(filter);
  return executor
    .select(namedColumns)
    .from(auditLog)
    .where(
      after
        ? and(
            where,
            sql`(${auditLog.at}, ${auditLog.id}) < (${after.at.toISOString()}::timestamptz, ${after.id})`,
          )
        : where,
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
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

import type { CustomerFilter, CustomerSortKey } from '@vmsp/contracts';
import { and, asc, count, desc, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { customers } from '../../db/schema.ts';

export type CustomerRecord = typeof customers.$inferSelect;
export type NewCustomerRecord = typeof customers.$inferInsert;

const totalIps = sql`(${customers.ipsInternal} + ${customers.ipsExternal})`;
/** Exact average for sorting; display rounding happens in the web app. */
const averagePrice = sql`(${customers.monthlyPriceMinor}::numeric / nullif(${totalIps}, 0))`;

const sortExpressions: Record<CustomerSortKey, SQL> = {
  companyName: sql`lower(${customers.companyName})`,
  serviceMode: sql`${customers.serviceMode}`,
  status: sql`${customers.status}`,
  ipsInternal: sql`${customers.ipsInternal}`,
  ipsExternal: sql`${customers.ipsExternal}`,
  paymentMethod: sql`${customers.paymentMethod}`,
  averageIpPrice: averagePrice,
  createdAt: sql`${customers.createdAt}`,
};

/** `like` pattern for a substring, with the user's % and _ taken literally. */
function containsPattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The search matches company name or contact e-mail; the trigram index on this expression serves it. */
const searchText = sql`(lower(${customers.companyName}) || ' ' || lower(${customers.contactEmail}))`;

export function filterCondition(filter: CustomerFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.q) conditions.push(sql`${searchText} like ${containsPattern(filter.q)}`);
  if (filter.paymentMethod.length) conditions.push(inArray(customers.paymentMethod, filter.paymentMethod));
  if (filter.serviceMode.length) conditions.push(inArray(customers.serviceMode, filter.serviceMode));
  if (filter.status.length) conditions.push(inArray(customers.status, filter.status));
  return conditions.length ? and(...conditions) : undefined;
}

/** The list query and its count, unexecuted: the benchmark runs the very same SQL under EXPLAIN ANALYZE. */
export function listQueries(
  executor: Executor,
  filter: CustomerFilter,
  order: { sort: CustomerSortKey; dir: 'asc' | 'desc' },
  page: { limit: number; offset: number },
) {
  const where = filterCondition(filter);
  const key = sortExpressions[order.sort];
  const direction = order.dir === 'asc' ? sql`asc` : sql`desc`;
  return {
    rows: executor
      .select()
      .from(customers)
      .where(where)
      .orderBy(
        sql`${key} ${direction} nulls last`,
        order.dir === 'asc' ? asc(customers.id) : desc(customers.id),
      )
      .limit(page.limit)
      .offset(page.offset),
    total: executor.select({ n: count() }).from(customers).where(where),
  };
}

export async function listCustomers(
  executor: Executor,
  filter: CustomerFilter,
  order: { sort: CustomerSortKey; dir: 'asc' | 'desc' },
  page: { limit: number; offset: number },
): Promise<{ rows: CustomerRecord[]; total: number }> {
  const queries = listQueries(executor, filter, order, page);
  const [rows, [total]] = await Promise.all([queries.rows, queries.total]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Bulk insert for seeding large data sets. */
export async function insertCustomers(
  executor: Executor,
  rows: NewCustomerRecord[],
): Promise<CustomerRecord[]> {
  return rows.length ? executor.insert(customers).values(rows).returning() : [];
}

/**
 * One batch of the export, in (lower(company name), id) order after the given position: keyset pagination,
 * so each batch is an index range scan and memory stays flat however many customers there are.
 */
export async function exportBatch(
  executor: Executor,
  filter: CustomerFilter,
  after: { name: string; id: string } | null,
  limit: number,
): Promise<CustomerRecord[]> {
  const name = sql`lower(${customers.companyName})`;
  const position = after
    ? or(sql`${name} > ${after.name}`, and(sql`${name} = ${after.name}`, gt(customers.id, after.id)))
    : undefined;
  return executor
    .select()
    .from(customers)
    .where(and(filterCondition(filter), position))
    .orderBy(name, asc(customers.id))
    .limit(limit);
}

export async function findCustomer(executor: Executor, id: string, options: { forUpdate?: boolean } = {}) {
  const query = executor.select().from(customers).where(eq(customers.id, id));
  const [row] = await (options.forUpdate ? query.for('update') : query);
  return row;
}

export async function insertCustomer(executor: Executor, row: NewCustomerRecord): Promise<CustomerRecord> {
  const [inserted] = await executor.insert(customers).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

/** Updates and bumps the version. */
export async function updateCustomer(
  executor: Executor,
  id: string,
  patch: Partial<Omit<NewCustomerRecord, 'id' | 'version'>>,
): Promise<CustomerRecord> {
  const [row] = await executor
    .update(customers)
    .set({ ...patch, version: sql`${customers.version} + 1` })
    .where(eq(customers.id, id))
    .returning();
  if (!row) throw new Error(`customer ${id} vanished`);
  return row;
}

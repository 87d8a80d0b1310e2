import type { CustomerFilter, CustomerSortKey } from '@vmsp/contracts';
import { and, asc, count, eq, inArray, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { containsPattern } from '../../db/contains-pattern.ts';
import { customerCounts, customers } from '../../db/schema.ts';

export type CustomerRecord = typeof customers.$inferSelect;
export type NewCustomerRecord = typeof customers.$inferInsert;

const totalIps = sql`(${customers.ipsInternal} + ${customers.ipsExternal})`;
/** Exact average for sorting (display rounding happens in the web app); indexed in both directions. */
const averagePrice = sql`(${customers.monthlyPriceMinor}::numeric / nullif(${totalIps}, 0))`;
const lowerName = sql`lower(${customers.companyName})`;

/**
 * ORDER BY terms per sort key, each ending in the id so that pages are stable. Every list matches an index
 * (read forwards or backwards), so a page is an index range scan however many customers there are. The
 * facet columns sort by company name within each value, as their indexes do.
 */
function orderBy(sort: CustomerSortKey, dir: 'asc' | 'desc'): SQL[] {
  const d = dir === 'asc' ? sql`asc` : sql`desc`;
  const id = sql`${customers.id} ${d}`;
  switch (sort) {
    case 'companyName':
      return [sql`${lowerName} ${d}`, id];
    case 'serviceMode':
    case 'status':
    case 'paymentMethod':
      return [sql`${customers[sort]} ${d}`, sql`${lowerName} ${d}`, id];
    case 'ipsInternal':
    case 'ipsExternal':
    case 'createdAt':
      return [sql`${customers[sort]} ${d}`, id];
    case 'averageIpPrice':
      // Customers without a price come last in both directions.
      return [sql`${averagePrice} ${d} nulls last`, id];
  }
}

/** The search matches company name or contact e-mail; the trigram index on this expression serves it. */
const searchText = sql`(lower(${customers.companyName}) || ' ' || lower(${customers.contactEmail}))`;

export function filterCondition(filter: CustomerFilter): SQL | undefined {
  return listFilter(filter, (_name, value) => value);
}

/** How a value reaches a statement: as a parameter of its own, or as a placeholder of a prepared statement. */
type Bind = <T>(name: string, value: T) => T | Placeholder;

/** The filter, with a facet of one value as `=` (the shape a prepared statement keeps) and more as `in`. */
function listFilter(filter: CustomerFilter, bind: Bind): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.q) conditions.push(sql`${searchText} like ${containsPattern(filter.q)}`);
  for (const facet of FACETS) {
    const values = filter[facet];
    if (values.length === 1) conditions.push(sql`${customers[facet]} = ${bind(facet, values[0])}`);
    else if (values.length) conditions.push(inArray(customers[facet], values));
  }
  return conditions.length ? and(...conditions) : undefined;
}

const FACETS = ['paymentMethod', 'serviceMode', 'status'] as const;
/** Short for statement names, which PostgreSQL keeps to 63 bytes. */
const FACET_CODES = { paymentMethod: 'p', serviceMode: 'm', status: 's' } as const;

/** Totals past this are reported as "at least" when a free-text search makes an exact count expensive. */
export const SEARCH_COUNT_CAP = 10_000;

/**
 * The columns a row of the list shows: fewer values for the database to send and for the driver and Drizzle
 * to decode, on every page.
 */
const listColumns = {
  id: customers.id,
  companyName: customers.companyName,
  contactEmail: customers.contactEmail,
  serviceMode: customers.serviceMode,
  status: customers.status,
  ipsInternal: customers.ipsInternal,
  ipsExternal: customers.ipsExternal,
  paymentMethod: customers.paymentMethod,
  monthlyPriceMinor: customers.monthlyPriceMinor,
  currency: customers.currency,
  paymentFailedAt: customers.paymentFailedAt,
  version: customers.version,
};
export type ListedCustomer = { [K in keyof typeof listColumns]: CustomerRecord[K] };

type ListOrder = { sort: CustomerSortKey; dir: 'asc' | 'desc' };
type ListPage = { limit: number; offset: number };

/**
 * The page query and the total's query, unexecuted, so that the benchmark can run the very same SQL through
 * the driver. Without a search the total is a sum over customer_counts (exact, a few rows); with one it
 * counts matching rows up to SEARCH_COUNT_CAP + 1.
 */
export function listQueries(executor: Executor, filter: CustomerFilter, order: ListOrder, page: ListPage) {
  return buildList(executor, filter, order, page, (_name, value) => value);
}

function buildList(executor: Executor, filter: CustomerFilter, order: ListOrder, page: ListPage, bind: Bind) {
  const where = listFilter(filter, bind);
  const rows = executor
    .select(listColumns)
    .from(customers)
    .where(where)
    .orderBy(...orderBy(order.sort, order.dir))
    .limit(bind('limit', page.limit))
    .offset(bind('offset', page.offset));
  if (filter.q) {
    const matching = executor
      .select({ one: sql`1` })
      .from(customers)
      .where(where)
      .limit(SEARCH_COUNT_CAP + 1)
      .as('matching');
    return { rows, total: executor.select({ n: count() }).from(matching) };
  }
  const facets: SQL[] = [];
  for (const facet of FACETS) {
    const values = filter[facet];
    if (values.length === 1) facets.push(sql`${customerCounts[facet]} = ${bind(facet, values[0])}`);
    else if (values.length) facets.push(inArray(customerCounts[facet], values));
  }
  return {
    rows,
    total: executor
      .select({ n: sql<number>`coalesce(sum(${customerCounts.n}), 0)::int` })
      .from(customerCounts)
      .where(facets.length ? and(...facets) : undefined),
  };
}

/**
 * The name of the list's prepared statements for this request, or null when its shape varies with the input
 * (a search, a facet with several values): each sort and direction with each facet either absent or one value.
 * That is at most 18 × 8 shapes, so the statements a connection keeps stay few.
 */
function fixedShape(filter: CustomerFilter, order: ListOrder): string | null {
  if (filter.q || FACETS.some((f) => filter[f].length > 1)) return null;
  const facets = FACETS.map((f) => (filter[f].length ? FACET_CODES[f] : '')).join('');
  return `customers_${order.sort}_${order.dir}_${facets || 'all'}`;
}

function prepareList(executor: Executor, filter: CustomerFilter, order: ListOrder, name: string) {
  const q = buildList(executor, filter, order, { limit: 0, offset: 0 }, (placeholderName) =>
    sql.placeholder(placeholderName),
  );
  return { rows: q.rows.prepare(`${name}_page`), total: q.total.prepare(`${name}_total`) };
}
const preparedLists = new WeakMap<Executor, Map<string, ReturnType<typeof prepareList>>>();

/**
 * A page of the list and its total. Fixed shapes run as named prepared statements, built once per database
 * and, on a PostgreSQL server, parsed once per connection; PGlite has no named statements, there they save
 * building the SQL.
 */
export async function listCustomers(
  executor: Executor,
  filter: CustomerFilter,
  order: ListOrder,
  page: ListPage,
): Promise<{ rows: ListedCustomer[]; total: number; totalIsLowerBound: boolean }> {
  const name = fixedShape(filter, order);
  let rows: ListedCustomer[];
  let total: { n: number } | undefined;
  if (name) {
    let byName = preparedLists.get(executor);
    if (!byName) {
      byName = new Map();
      preparedLists.set(executor, byName);
    }
    let prepared = byName.get(name);
    if (!prepared) {
      prepared = prepareList(executor, filter, order, name);
      byName.set(name, prepared);
    }
    const values = {
      ...page,
      paymentMethod: filter.paymentMethod[0],
      serviceMode: filter.serviceMode[0],
      status: filter.status[0],
    };
    [rows, [total]] = await Promise.all([prepared.rows.execute(values), prepared.total.execute(values)]);
  } else {
    const queries = listQueries(executor, filter, order, page);
    [rows, [total]] = await Promise.all([queries.rows, queries.total]);
  }
  const n = Number(total?.n ?? 0);
  return filter.q && n > SEARCH_COUNT_CAP
    ? { rows, total: SEARCH_COUNT_CAP, totalIsLowerBound: true }
    : { rows, total: n, totalIsLowerBound: false };
}

/** Bulk insert for seeding large data sets. */
export async function insertCustomers(
  executor: Executor,
  rows: NewCustomerRecord[],
): Promise<CustomerRecord[]> {
  return rows.length ? executor.insert(customers).values(rows).returning() : [];
}

/** The columns the export needs: fewer columns, fewer values for the driver to parse per row. */
const exportColumns = {
  id: customers.id,
  companyName: customers.companyName,
  contactName: customers.contactName,
  contactEmail: customers.contactEmail,
  serviceMode: customers.serviceMode,
  status: customers.status,
  ipsInternal: customers.ipsInternal,
  ipsExternal: customers.ipsExternal,
  paymentMethod: customers.paymentMethod,
  monthlyPriceMinor: customers.monthlyPriceMinor,
  currency: customers.currency,
  street: customers.street,
  postalCode: customers.postalCode,
  city: customers.city,
  country: customers.country,
  vatId: customers.vatId,
  billingAddress: customers.billingAddress,
  createdAt: customers.createdAt,
};
export type ExportRow = { [K in keyof typeof exportColumns]: CustomerRecord[K] };

/**
 * One batch of the export, in (lower(company name), id) order after the given position: keyset pagination,
 * so each batch is an index range scan and memory stays flat however many customers there are.
 */
export async function exportBatch(
  executor: Executor,
  filter: CustomerFilter,
  after: { name: string; id: string } | null,
  limit: number,
): Promise<ExportRow[]> {
  const position = after
    ? sql`(${lowerName}, ${customers.id}) > (${after.name}, ${after.id}::uuid)`
    : undefined;
  return executor
    .select(exportColumns)
    .from(customers)
    .where(and(filterCondition(filter), position))
    .orderBy(lowerName, asc(customers.id))
    .limit(limit);
}

export async function anyCustomer(executor: Executor): Promise<boolean> {
  const rows = await executor.select({ id: customers.id }).from(customers).limit(1);
  return rows.length > 0;
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

export async function deleteCustomer(executor: Executor, id: string): Promise<void> {
  await executor.delete(customers).where(eq(customers.id, id));
}

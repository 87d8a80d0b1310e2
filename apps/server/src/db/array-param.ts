import { type SQL, sql } from 'drizzle-orm';

/**
 * Values as one array parameter, cast on the server (`$1::uuid[]`): a batch of thousands of rows is then a
 * statement with a handful of parameters (one per column, read by `unnest` or `= any`) instead of one per value,
 * which PostgreSQL parses and binds in a fraction of the time. Both drivers send arrays the same way.
 */
export const arrayParam = (values: readonly unknown[], type: string): SQL =>
  sql`${sql.param(values)}::${sql.raw(type)}[]`;

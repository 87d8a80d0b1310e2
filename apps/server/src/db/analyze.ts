import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob, type JobDefinition } from '../jobs/queue.ts';
import { type Connection, type Executor, queryRows } from './connection.ts';

/**
 * The planner's statistics. A PostgreSQL server's autovacuum refreshes them as tables change; PGlite runs no
 * autovacuum, so without these calls the embedded portal plans every query on empty-table guesses (a filtered
 * list at 100,000 customers: 77 ms instead of 0.7 ms). ANALYZE reads a sample of each table (at most 30,000 rows
 * on the default statistics target), blocks neither reads nor writes, and is therefore harmless on a server too.
 */

/** The tables whose size and distribution the month end changes. */
export const MONTH_END_TABLES = [
  'customers',
  'subscriptions',
  'pending_subscription_changes',
  'customer_counts',
];

/** A bulk change above this many rows refreshes the statistics of the tables it touched. */
export const ANALYZE_AFTER_ROWS = 3000;

/** The portal's own tables and the job queue's: a bare ANALYZE would also read every system catalog (1 s on PGlite). */
const SCHEMAS = ['public', 'pgboss'];

/** Refreshes the statistics of the given tables (names from the code, never from input), or of all of ours. */
export async function analyze(executor: Executor, tables?: readonly string[]): Promise<void> {
  const names =
    tables ??
    (
      await queryRows<{ name: string }>(
        executor,
        sql`select format('%I.%I', schemaname, tablename) as name from pg_tables
            where schemaname in (${sql.join(
              SCHEMAS.map((s) => sql`${s}`),
              sql`, `,
            )})`,
      )
    ).map((r) => r.name);
  if (!names.length) return;
  await executor.execute(sql.raw(`analyze ${names.join(', ')}`));
}

/**
 * Refreshes the statistics after a bulk change of `changedRows` rows when it exceeds `threshold`; small changes
 * do not move the distribution enough to matter. Returns whether it analyzed.
 */
export async function analyzeAfterChange(
  executor: Executor,
  changedRows: number,
  tables: readonly string[],
  threshold: number = ANALYZE_AFTER_ROWS,
): Promise<boolean> {
  if (changedRows <= threshold) return false;
  await analyze(executor, tables);
  return true;
}

export const DAILY_ANALYZE_JOB = defineJob({ name: 'database.analyze', payload: z.object({}) });

/**
 * The daily ANALYZE, scheduled in embedded mode only: on a server, autovacuum analyzes each table once a tenth
 * of it has changed, which is timelier than a daily run; a second, daily ANALYZE there would be harmless but
 * redundant work.
 */
export function analyzeJobs(connection: Connection): JobDefinition<object>[] {
  if (connection.kind !== 'pglite') return [];
  return [
    {
      ...DAILY_ANALYZE_JOB,
      queue: { policy: 'exclusive', retryLimit: 2, retryDelay: 600 },
      schedule: { cron: '40 3 * * *' },
      async handle() {
        await analyze(connection.db);
      },
    },
  ];
}

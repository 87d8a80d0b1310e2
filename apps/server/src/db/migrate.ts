import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { analyze } from './analyze.ts';
import { type Connection, queryRows } from './connection.ts';

export const migrationsFolder = path.join(import.meta.dirname, 'migrations');

/** An arbitrary constant: the advisory lock that lets one instance migrate while the others wait. */
const MIGRATION_LOCK = 724_301_001;

/**
 * Applies the committed SQL migrations, forward only. Safe to run from several instances at once. Afterwards
 * the planner gets statistics when a migration ran or a table has never had any (see analyze.ts): PGlite
 * never gathers them by itself.
 */
export async function migrateDatabase(connection: Connection): Promise<void> {
  const before = await appliedCount(connection);
  if (connection.kind === 'pglite') {
    await migratePglite(drizzlePglite(connection.pglite), { migrationsFolder });
  } else {
    const client = await connection.pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePg(drizzlePg(client), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
      client.release();
    }
  }
  if ((await appliedCount(connection)) !== before || (await neverAnalyzed(connection))) {
    await analyze(connection.db);
  }
}

async function appliedCount(connection: Connection): Promise<number> {
  // Asked first, so that a fresh database logs no error for the missing table.
  const [table] = await queryRows<{ exists: boolean }>(
    connection.db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`,
  );
  if (!table?.exists) return 0;
  const [row] = await queryRows<{ n: number }>(
    connection.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return row?.n ?? 0;
}

/** True when one of the portal's tables has never been analyzed (reltuples is -1 until then). */
async function neverAnalyzed(connection: Connection): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    connection.db,
    sql`select 1 as one from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'
        and reltuples < 0 limit 1`,
  );
  return rows.length > 0;
}

/** True when every committed migration has been applied: /readyz reports not ready otherwise. */
export async function migrationsApplied(connection: Connection): Promise<boolean> {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  try {
    const [row] = await queryRows<{ n: number }>(
      connection.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    return (row?.n ?? 0) >= journal.entries.length;
  } catch {
    return false;
  }
}

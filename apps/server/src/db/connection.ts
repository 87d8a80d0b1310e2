import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Config } from '../config.ts';
import * as schema from './schema.ts';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Repositories take either the database or a transaction, so a service decides the transaction's bounds. */
export type Executor = Database | Tx;

const INT8_OID = 20;
/** PostgreSQL's buffer cache in embedded mode; see openDatabase. */
const EMBEDDED_SHARED_BUFFERS = '64MB';

export type Connection =
  | { kind: 'pglite'; db: Database; pglite: PGlite; close(): Promise<void> }
  | { kind: 'postgres'; db: Database; pool: pg.Pool; url: string; close(): Promise<void> };

export async function openDatabase(target: Config['database']): Promise<Connection> {
  if (target.kind === 'pglite') {
    // pg_trgm serves the Billing page's substring search (a contrib extension on a PostgreSQL server).
    // PGlite keeps PostgreSQL's shared buffers resident from the start (128 MB by default), whether used
    // or not. Half of that still keeps the often read pages; scans of large tables go through a small ring
    // of buffers and the operating system's file cache at any size.
    const pglite = await PGlite.create(target.dataDir, {
      extensions: { pg_trgm },
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
    });
    const db = drizzlePglite(pglite, { schema }) as unknown as Database;
    return { kind: 'pglite', db, pglite, close: () => pglite.close() };
  }
  // PGlite reads int8 and count(*) as numbers; make pg do the same so both drivers agree. Every int8
  // the portal stores (ids of the audit log, counts, cents) stays far below 2^53.
  const pool = new pg.Pool({
    connectionString: target.url,
    max: 10,
    // A server that does not answer (a wrong host, a firewall that drops packets) fails the start within
    // seconds rather than after the system's TCP timeout; the same bound applies to waiting for a free
    // connection, where an error answers sooner than a request that hangs.
    connectionTimeoutMillis: 5000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (v: string) => Number(v)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server ends (a restart, a failover) is reported here; unheard, it would end the
  // process. The pool opens a new connection for the next query.
  pool.on('error', (error) => console.error('database connection lost:', error.message));
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  return { kind: 'postgres', db, pool, url: target.url, close: () => pool.end() };
}

/** Rows of a raw SQL statement, the same on both drivers. */
export async function queryRows<T>(executor: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

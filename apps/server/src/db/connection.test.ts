import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Connection, openDatabase, queryRows } from './connection.ts';

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('the embedded database', () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  });
  afterAll(async () => {
    await connection.close();
  });

  // PGlite holds the whole buffer cache in memory from the start: its size is the portal's memory floor.
  it('runs with a 64 MB buffer cache, not PostgreSQL default 128 MB', async () => {
    const [row] = await queryRows<{ shared_buffers: string }>(connection.db, sql`show shared_buffers`);
    expect(row?.shared_buffers).toBe('64MB');
  });

  it('keeps PGlite defaults beside it (one backend, no parallel workers)', async () => {
    const [row] = await queryRows<{ max_parallel_workers: string }>(
      connection.db,
      sql`show max_parallel_workers`,
    );
    expect(row?.max_parallel_workers).toBe('0');
  });
});

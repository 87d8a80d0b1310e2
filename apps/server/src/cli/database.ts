import type { Config } from '../config.ts';
import { type Connection, openDatabase } from '../db/connection.ts';
import { lockDataDir } from '../db/data-dir-lock.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { databaseStartError } from './startup-errors.ts';

export interface OpenDatabase {
  connection: Connection;
  close(): Promise<void>;
}

/**
 * Opens the configured database and migrates it. In embedded mode the data folder is locked first, so a
 * command never opens a database that a running portal (or another command) has open.
 */
export async function openMigrated(config: Config): Promise<OpenDatabase> {
  const lock = config.database.kind === 'pglite' ? lockDataDir(config.dataDir) : null;
  let connection: Connection | undefined;
  try {
    connection = await openDatabase(config.database);
    // One connection first: a server that cannot be reached fails here, once, with its own error.
    if (connection.kind === 'postgres') (await connection.pool.connect()).release();
    await migrateDatabase(connection);
  } catch (err) {
    await connection?.close().catch(() => {});
    lock?.release();
    throw (config.database.kind === 'postgres' && databaseStartError(config.database.url, err)) || err;
  }
  const opened = connection;
  return {
    connection: opened,
    async close() {
      await opened.close();
      lock?.release();
    },
  };
}

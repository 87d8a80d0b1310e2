import { parseArgs } from 'node:util';
import { buildPortal } from '../app.ts';
import type { Config } from '../config.ts';
import { systemClock } from '../lib/clock.ts';
import { seedCustomers, seedDemo } from '../seed.ts';
import { openMigrated } from './database.ts';
import { CliError, type CliIo } from './io.ts';

/** `vmsp seed --demo | --customers <n>`. */
export async function seedCommand(config: Config, args: string[], io: CliIo): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { demo: { type: 'boolean' }, customers: { type: 'string' } },
  });
  const count = values.customers === undefined ? null : Number(values.customers);
  if (!values.demo && (count === null || !Number.isInteger(count) || count < 1)) {
    throw new CliError('seed needs --demo or --customers <n> (a whole number ≥ 1)');
  }
  const db = await openMigrated(config);
  try {
    const portal = await buildPortal(config, { connection: db.connection, logger: false });
    try {
      // The demo's invitation mails go through the outbox; the running portal's workers deliver them later.
      await portal.startJobs({ work: false });
      const log = (line: string) => io.out(line);
      if (values.demo) await seedDemo(portal, db.connection.db, log);
      if (count !== null) await seedCustomers(portal, db.connection.db, systemClock, count, log);
    } finally {
      await portal.close();
    }
  } finally {
    await db.close();
  }
}

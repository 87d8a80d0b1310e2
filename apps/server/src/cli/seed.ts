import { parseArgs } from 'node:util';
import { buildPortal, type Portal } from '../app.ts';
import type { Config } from '../config.ts';
import type { Connection, Database } from '../db/connection.ts';
import { type Clock, ManualClock, systemClock } from '../lib/clock.ts';
import { seedCustomers } from '../seed.ts';
import { demoSeedObstacle, seedDemo } from '../seed-demo.ts';
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
    const log = (line: string) => io.out(line);
    if (values.demo) {
      const obstacle = await demoSeedObstacle(db.connection.db);
      if (obstacle) throw new CliError(obstacle);
      // The demo's history is written as of past instants: its portal runs on a clock the seed sets.
      const clock = new ManualClock(systemClock.now());
      await withPortal(config, db.connection, clock, (portal) =>
        seedDemoCommand(config, portal, db.connection.db, clock, io),
      );
    }
    if (count !== null) {
      await withPortal(config, db.connection, systemClock, (portal) =>
        seedCustomers(portal, db.connection.db, systemClock, count, log),
      );
    }
  } finally {
    await db.close();
  }
}

/** Runs `work` on a portal without workers (on `clock`), closed afterwards. */
async function withPortal(
  config: Config,
  connection: Connection,
  clock: Clock,
  work: (portal: Portal) => Promise<void>,
): Promise<void> {
  const portal = await buildPortal(config, { connection, clock, logger: false });
  try {
    // Mails and invoice documents are queued; the running portal's workers deliver and render them.
    await portal.startJobs({ work: false });
    await work(portal);
  } finally {
    await portal.close();
  }
}

/** Seeds the demo and says how to sign in, at the portal's address (PUBLIC_URL, else localhost:PORT). */
async function seedDemoCommand(
  config: Config,
  portal: Portal,
  db: Database,
  clock: ManualClock,
  io: CliIo,
): Promise<void> {
  const started = performance.now();
  const demo = await seedDemo(portal, db, {
    clock,
    now: systemClock.now(),
    timeZone: config.billingTimeZone,
    log: (line) => io.out(line),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.out(
    `Demo seeded in ${seconds} s: ${demo.customers} customers (${demo.deleted} deleted again) with history from ${demo.months[0]} to ${demo.months.at(-1)}, ` +
      `${demo.invoices} invoices and ${demo.creditNotes} credit notes (their PDFs are rendered by the running portal).`,
  );
  const signIn = `${config.publicUrl}/sign-in`;
  io.out(
    demo.admin
      ? `Sign in at ${signIn} as the demo administrator ${demo.admin.email} with the password ${demo.admin.password}`
      : `Sign in at ${signIn} as one of the portal's administrators.`,
  );
  io.out(
    `A customer (${demo.customerUser.companyName}) signs in there as ${demo.customerUser.email} with the password "${demo.customerUser.password}"; so do the demo's other registered customers.`,
  );
  io.out(
    `Links in the demo's mails lead to ${config.publicUrl}: start the portal with the same PORT and PUBLIC_URL.`,
  );
}

#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildPortal } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { DataDirInUseError, lockDataDir } from './db/data-dir-lock.ts';
import { migrateDatabase } from './db/migrate.ts';
import { AppError } from './http/errors.ts';
import { systemClock } from './lib/clock.ts';
import { keysCommand } from './modules/project-keys/keys-cli.ts';
import { seedCustomers, seedDemo } from './seed.ts';

const USAGE = `Usage: vmsp <command>

Commands:
  start                              migrate, then serve the portal (and run background jobs)
  migrate                            apply database migrations and exit
  admin create --email <e-mail>      create an administrator; prints a one-time link to choose the password
         [--password-stdin]          read the password from standard input instead (for automation)
  seed --demo                        add a few dozen demo customers in every status (mail: log only)
  seed --customers <n>               add n customers in bulk (benchmark data)
  keys keypair                       print a new key pair for signing project keys
  keys issue --ips <n> --months <n> --purchase-price <amount> --currency <code> --key <private.jwk>
         [--valid-days <n>] [--key-id <id>]
                                     print a signed project key (keys needs no configuration or database)

Configuration comes from environment variables; see the README.`;

/** Opens the configured database (taking the data folder lock in embedded mode) and migrates it. */
async function openMigrated(config: Config) {
  const lock = config.database.kind === 'pglite' ? lockDataDir(config.dataDir) : null;
  try {
    const connection = await openDatabase(config.database);
    await migrateDatabase(connection);
    return {
      connection,
      async close() {
        await connection.close();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

async function start(config: Config): Promise<void> {
  const db = await openMigrated(config);
  const portal = await buildPortal(config, { connection: db.connection });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    portal.app.log.info({ signal }, 'stopping');
    await portal.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await portal.startJobs();
  await portal.app.listen({ port: config.port, host: config.host });
  const mode = config.database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  console.log(`vMSP Portal is running at ${config.publicUrl} (${mode})`);
  const setupUrl = await portal.services.admins.firstAdminSetupUrl();
  if (setupUrl)
    console.log(`No administrator exists yet. Create the first one here (link valid 24 hours): ${setupUrl}`);
}

async function adminCreate(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  });
  if (!values.email) throw new Error('admin create needs --email <e-mail>');
  const password = values['password-stdin'] ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : null;
  const db = await openMigrated(config);
  try {
    const portal = await buildPortal(config, { connection: db.connection, logger: false });
    const { admin, inviteUrl } = await portal.services.admins.createFromCli(
      values.email.trim().toLowerCase(),
      password,
    );
    console.log(
      inviteUrl
        ? `Administrator ${admin.email} created. Choose the password here (valid 7 days): ${inviteUrl}`
        : `Administrator ${admin.email} created.`,
    );
    await portal.app.close();
  } finally {
    await db.close();
  }
}

async function seed(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { demo: { type: 'boolean' }, customers: { type: 'string' } },
  });
  const count = values.customers === undefined ? null : Number(values.customers);
  if (!values.demo && (count === null || !Number.isInteger(count) || count < 1)) {
    throw new Error('seed needs --demo or --customers <n> (a whole number ≥ 1)');
  }
  const db = await openMigrated(config);
  try {
    const portal = await buildPortal(config, { connection: db.connection, logger: false });
    // The demo's invitation mails go through the outbox; the running portal's workers deliver them later.
    await portal.startJobs({ work: false });
    if (values.demo) await seedDemo(portal, db.connection.db, console.log);
    if (count !== null) await seedCustomers(portal, db.connection.db, systemClock, count, console.log);
    await portal.close();
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, sub, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(USAGE);
    return;
  }
  // The MSP side of project keys: runs anywhere the private key is, without the portal's configuration.
  if (command === 'keys') return keysCommand(argv.slice(1));
  const config = loadConfig();
  if (command === 'start') return start(config);
  if (command === 'migrate') {
    const db = await openMigrated(config);
    await db.close();
    console.log('Migrations applied.');
    return;
  }
  if (command === 'admin' && sub === 'create') return adminCreate(config, rest);
  if (command === 'seed') return seed(config, argv.slice(1));
  console.error(USAGE);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirInUseError) console.error(err.message);
  else if (err instanceof AppError) console.error(`${err.code}: ${err.message}`);
  else console.error(err);
  process.exit(1);
});

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildPortal, type Portal } from '../app.ts';
import { openMigrated } from '../cli/database.ts';
import { loadConfig } from '../config.ts';
import { type Database, type Executor, queryRows } from '../db/connection.ts';
import { ManualClock } from '../lib/clock.ts';
import { MONTH_END_JOB } from '../modules/billing/subscriptions.jobs.ts';
import { seedCustomers } from '../seed.ts';
import { envWithout, MAIN } from '../test/cli.ts';
import { createTestPortal, TEST_SECRET, type TestPortal } from '../test/harness.ts';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from '../test/smtp-server.ts';

/**
 * A worker killed (SIGKILL) in the middle of a job, and started again: the job it held is taken up again
 * promptly (within a minute, not after pg-boss's default expiry of 15) and its work is done exactly once.
 * The kill lands in the middle without depending on speed: the SMTP server holds its answer to the mail's
 * DATA, or the test holds a row lock the job's transaction waits for, and the test kills once it sees that.
 */

/**
 * Every bound below is a failure report for a hang, never a pause: the waits end as soon as their
 * condition holds.
 */
const RECOVERY_BOUND_MS = 60_000;
const APP_NAME = 'vmsp-crash-recovery-test';
const actor = { id: '00000000-0000-4000-8000-000000000001', email: 'ops@provider.test' };

const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

/** Polls until `done` holds; after `timeoutMs` fails with `what`. */
async function waitUntil(
  what: string,
  done: () => Promise<boolean> | boolean,
  timeoutMs = RECOVERY_BOUND_MS,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * `vmsp start` as its own process. `started` resolves once it serves; a process that exits first fails it.
 * The wait is not what is measured: a slow machine may take its time to start.
 */
function spawnWorker(env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, [MAIN, 'start'], { env });
  children.add(child);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const alive = () => {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the portal exited: ${output}`);
    return true;
  };
  return {
    alive,
    started: () =>
      waitUntil('the portal started', () => alive() && output.includes('vMSP Portal is running'), 300_000),
    async kill(signal: NodeJS.Signals) {
      child.kill(signal);
      const result = await exited;
      children.delete(child);
      return result;
    },
  };
}

async function startWorker(env: Record<string, string | undefined>) {
  const worker = spawnWorker(env);
  await worker.started();
  return worker;
}

/**
 * A delivery's retry delay travels with its job from the portal that queued it (MAIL_RETRY_DELAY_SECONDS,
 * 10 s by default). A job lost with its worker is noticed within half a minute and then waits that delay;
 * what is tested here is the noticing, so the delay is short.
 */
const QUICK_RETRY = { MAIL_RETRY_DELAY_SECONDS: '1' };

const workerEnv = (database: Record<string, string>) => ({
  ...envWithout('DATABASE_URL', 'DATA_DIR'),
  ...database,
  APP_SECRET: TEST_SECRET,
  LOG_LEVEL: 'silent',
  PORT: '0',
  HOST: '127.0.0.1',
  WEB_DIST_DIR: '/nonexistent',
  ...QUICK_RETRY,
});

async function count(executor: Executor, query: ReturnType<typeof sql>): Promise<number> {
  return (await queryRows<{ n: number }>(executor, query))[0]?.n ?? -1;
}

/** Mail through the test SMTP server, and one mail queued for `to`; returns its id. */
async function queueMail(portal: Portal, db: Database, smtp: TestSmtpServer, to: string): Promise<string> {
  await portal.services.mail.saveSettings(actor, {
    transport: 'smtp',
    host: '127.0.0.1',
    port: smtp.port,
    encryption: 'none',
    fromAddress: 'noreply@provider.test',
  });
  return db.transaction((tx) =>
    portal.services.mail.enqueue(tx, { to, locale: 'en', template: 'test', params: {} }),
  );
}

/**
 * The mail scenario, on either database: the worker is killed while the SMTP server holds its answer to the
 * mail's DATA, so the mail was transmitted but never accepted; after the restart it is delivered once.
 */
async function killDuringDelivery(smtp: TestSmtpServer, env: Record<string, string | undefined>) {
  const held = smtp.holdNext();
  // Killed as soon as the mail's DATA arrived: the worker waits for the answer (the job may start before the
  // portal reports that it serves).
  const first = spawnWorker(env);
  let inFlight: ReceivedMail | undefined;
  void held.received.then((mail) => (inFlight = mail));
  await waitUntil('the mail was in flight', () => first.alive() && inFlight !== undefined, 300_000);
  expect(await first.kill('SIGKILL')).toBe('SIGKILL');
  // The server saw the client go before it answered: that transmission does not count as delivered.
  await held.clientGone;
  held.release();
  expect(smtp.abandoned.map((m) => m.to)).toEqual([inFlight?.to]);
  expect(smtp.messages).toHaveLength(0);

  const restartedAt = Date.now();
  const second = await startWorker(env);
  await waitUntil('the mail was delivered after the restart', () => smtp.messages.length >= 1);
  const recoveredInMs = Date.now() - restartedAt;
  expect(recoveredInMs).toBeLessThan(RECOVERY_BOUND_MS);
  return { inFlight, second };
}

async function deliveryOutcome(db: Database, mailId: string) {
  const [row] = await queryRows<{ status: string; attempts: number; lastError: string | null }>(
    db,
    sql`select status, attempts, last_error as "lastError" from mails where id = ${mailId}`,
  );
  const jobs = await queryRows<{ state: string }>(
    db,
    sql`select state from pgboss.job where name = 'mail.deliver' and data->>'mailId' = ${mailId}`,
  );
  return { row, jobs: jobs.map((j) => j.state) };
}

describe('a worker killed in the middle of a delivery (embedded database)', { timeout: 600_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vmsp-crash-'));
  let smtp: TestSmtpServer | undefined;
  afterAll(async () => {
    await smtp?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers the mail exactly once after the restart', async () => {
    smtp = await startSmtpServer();
    const env = workerEnv({ DATA_DIR: dataDir });
    const config = loadConfig({
      DATA_DIR: dataDir,
      APP_SECRET: TEST_SECRET,
      LOG_LEVEL: 'silent',
      ...QUICK_RETRY,
    });
    const open = async () => {
      const opened = await openMigrated(config);
      const portal = await buildPortal(config, { connection: opened.connection, logger: false });
      await portal.startJobs({ work: false });
      return {
        portal,
        db: opened.connection.db,
        close: async () => {
          await portal.close();
          await opened.close();
        },
      };
    };
    // The embedded database has one process at a time: set up, then hand the data folder to the worker.
    const setup = await open();
    const mailId = await queueMail(setup.portal, setup.db, smtp, 'survivor@example.test');
    await setup.close();

    const { inFlight, second } = await killDuringDelivery(smtp, env);
    expect(inFlight?.to).toEqual(['survivor@example.test']);
    expect(await second.kill('SIGTERM')).toBe(0);
    expect(smtp.messages.map((m) => m.to)).toEqual([['survivor@example.test']]);

    const check = await open();
    try {
      expect(await deliveryOutcome(check.db, mailId)).toEqual({
        row: { status: 'sent', attempts: 1, lastError: null },
        jobs: ['completed'],
      });
    } finally {
      await check.close();
    }
  });
});

/**
 * On PostgreSQL the test watches the worker's transaction from a connection of its own, so it can also hold
 * a purge and a month-end batch in the middle: the embedded database has a single connection, owned by the
 * worker process.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'a worker killed in the middle of a job (PostgreSQL)',
  { timeout: 600_000 },
  () => {
    let portal: TestPortal | undefined;
    let smtp: TestSmtpServer | undefined;
    afterAll(async () => {
      await smtp?.stop();
      await portal?.dispose();
    });

    const setUp = async () => {
      await portal?.dispose();
      // A minute behind the real clock, so that a purge marked with a second's grace is due at once.
      portal = await createTestPortal({
        clock: new ManualClock(new Date(Date.now() - 60_000)),
        env: { DELETION_GRACE_SECONDS: '1', ...QUICK_RETRY },
      });
      if (portal.config.database.kind !== 'postgres') throw new Error('needs PostgreSQL');
      const url = portal.config.database.url;
      // The name marks the worker's connections, so the test finds them in pg_stat_activity.
      return { portal, url, env: workerEnv({ DATABASE_URL: `${url}?application_name=${APP_NAME}` }) };
    };
    const workerWaitsForLock = async (db: Database) =>
      (await count(
        db,
        sql`select count(*)::int as n from pg_stat_activity where application_name = ${APP_NAME} and wait_event_type = 'Lock'`,
      )) > 0;
    const workerConnectionsGone = async (db: Database) =>
      (await count(
        db,
        sql`select count(*)::int as n from pg_stat_activity where application_name = ${APP_NAME}`,
      )) === 0;

    /** Holds a lock with `statement` on a connection of the test until `release`. */
    async function holdLock(url: string, statement: string, values: unknown[]) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('begin');
      await client.query(statement, values);
      return {
        async release() {
          await client.query('rollback');
          await client.end();
        },
      };
    }

    /** Starts the worker, kills it once its job waits for the held lock, lets go, and starts it again. */
    async function killWhileHeld(
      db: Database,
      env: Record<string, string | undefined>,
      lock: { release(): Promise<void> },
    ) {
      const first = await startWorker(env);
      await waitUntil('the job waited for the held lock', () => workerWaitsForLock(db));
      expect(await first.kill('SIGKILL')).toBe('SIGKILL');
      await lock.release();
      // The server ends the killed worker's transaction once it notices the closed connection.
      await waitUntil('the killed connections were gone', () => workerConnectionsGone(db));
      const restartedAt = Date.now();
      const second = await startWorker(env);
      return { second, restartedAt };
    }

    it('purges a customer exactly once', async () => {
      const { portal, url, env } = await setUp();
      const db = portal.connection.db;
      await seedCustomers(portal, db, portal.clock, 6, () => {});
      const [customer] = await queryRows<{ id: string; version: number; companyName: string }>(
        db,
        sql`select c.id, c.version, c.company_name as "companyName" from customers c
            where c.registered_at is not null
              and exists (select 1 from users u where u.customer_id = c.id)
              and exists (select 1 from subscriptions s where s.customer_id = c.id and s.ended_at is null)
            limit 1`,
      );
      if (!customer) throw new Error('the seed made no registered, subscribed customer');
      // Marked with a grace period that has passed in real time: the purge is due at once.
      await portal.services.deletion.delete(actor, customer.id, {
        confirmation: 'DELETE',
        version: customer.version,
      });
      // The purge removes the users with the customer: it waits there, after its first statements.
      const lock = await holdLock(url, 'select id from users where customer_id = $1 for update', [
        customer.id,
      ]);
      const { second, restartedAt } = await killWhileHeld(db, env, lock);
      const purged = sql`select count(*)::int as n from customers where id = ${customer.id}`;
      await waitUntil(
        'the customer was purged after the restart',
        async () => (await count(db, purged)) === 0,
      );
      expect(Date.now() - restartedAt).toBeLessThan(RECOVERY_BOUND_MS);
      expect(
        await count(
          db,
          sql`select count(*)::int as n from audit_log where action = 'customer.purged' and object_id = ${customer.id}`,
        ),
      ).toBe(1);
      expect(
        await count(
          db,
          sql`select count(*)::int as n from billing_records where customer_id = ${customer.id}`,
        ),
      ).toBe(1);
      await waitUntil('the purge job completed', async () =>
        (
          await queryRows<{ state: string }>(
            db,
            sql`select state from pgboss.job where name = 'customers.purge'`,
          )
        ).every((j) => j.state === 'completed'),
      );
      await second.kill('SIGTERM');
    });

    it('applies a month-end batch exactly once', async () => {
      const { portal, url, env } = await setUp();
      const db = portal.connection.db;
      await seedCustomers(portal, db, portal.clock, 30, () => {});
      const dueAt = new Date().toISOString();
      await db.execute(sql`
        insert into pending_subscription_changes (customer_id, kind, ips_internal, ips_external, price_version,
                                                  monthly_price_minor, currency, effective_at, created_at)
        select customer_id, 'downgrade', 1, 0, price_version, 200, currency, ${dueAt}::timestamptz, ${dueAt}::timestamptz
        from subscriptions where ended_at is null`);
      const due = await count(db, sql`select count(*)::int as n from pending_subscription_changes`);
      const periodsBefore = await count(db, sql`select count(*)::int as n from subscriptions`);
      expect(due).toBeGreaterThan(1);
      const [last] = await queryRows<{ customerId: string }>(
        db,
        sql`select customer_id as "customerId" from pending_subscription_changes order by customer_id desc limit 1`,
      );
      // The batch ends the running periods: it waits at this one, with the other changes made but not committed.
      const lock = await holdLock(
        url,
        'select id from subscriptions where customer_id = $1 and ended_at is null for update',
        [last?.customerId],
      );
      await portal.jobs.send(MONTH_END_JOB, {});
      const { second, restartedAt } = await killWhileHeld(db, env, lock);
      const pending = sql`select count(*)::int as n from pending_subscription_changes`;
      await waitUntil('the month end ran after the restart', async () => (await count(db, pending)) === 0);
      expect(Date.now() - restartedAt).toBeLessThan(RECOVERY_BOUND_MS);
      // Each change ended one period and started one: applied once, none twice.
      expect(await count(db, sql`select count(*)::int as n from subscriptions`)).toBe(periodsBefore + due);
      expect(
        await count(
          db,
          sql`select count(*)::int as n from subscriptions s join customers c on c.id = s.customer_id
              where s.ended_at is null and s.ips_internal = 1 and c.ips_internal = 1 and c.monthly_price_minor = 200`,
        ),
      ).toBe(due);
      await second.kill('SIGTERM');
    });

    it('delivers a mail exactly once', async () => {
      const { portal, env } = await setUp();
      smtp = await startSmtpServer();
      const db = portal.connection.db;
      const mailId = await queueMail(portal, db, smtp, 'survivor@example.test');
      const { second } = await killDuringDelivery(smtp, env);
      await waitUntil('the delivery job completed', async () =>
        (await deliveryOutcome(db, mailId)).jobs.every((s) => s === 'completed'),
      );
      expect(await deliveryOutcome(db, mailId)).toEqual({
        row: { status: 'sent', attempts: 1, lastError: null },
        jobs: ['completed'],
      });
      expect(smtp.messages.map((m) => m.to)).toEqual([['survivor@example.test']]);
      await second.kill('SIGTERM');
      await smtp.stop();
    });
  },
);

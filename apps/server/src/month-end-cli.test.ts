import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nextBillingMonthStart } from '@vmsp/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal } from './app.ts';
import { openMigrated } from './cli/database.ts';
import { runCli } from './cli/run.ts';
import { loadConfig } from './config.ts';
import { queryRows } from './db/connection.ts';
import { pendingSubscriptionChanges } from './db/schema.ts';
import { ManualClock, systemClock } from './lib/clock.ts';
import { priceOf } from './modules/prices/prices.service.ts';
import { seedCustomers } from './seed.ts';
import { bufferedIo, envWithout, MAIN, spawnVmsp } from './test/cli.ts';
import { createTestPortal, TEST_SECRET, type TestPortal } from './test/harness.ts';

describe('vmsp month-end refuses what it cannot do, before it opens the database', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vmsp-month-end-'));
  const env = { ...envWithout('DATABASE_URL', 'APP_SECRET'), DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const monthEnd = async (at: string) => {
    const io = bufferedIo();
    const code = await runCli(['month-end', '--at', at], io, env);
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  };

  it.for([
    '2026-04-01', // a date is no instant
    '2026-04-01T00:00:00', // without a zone the instant would depend on the machine
    '2026-02-30T00:00:00Z',
    '2026-04-01T24:00:00Z',
    '2026-13-01T00:00:00Z',
    'yesterday',
    '',
  ])('a malformed instant: %j', async (at) => {
    const { code, stdout, stderr } = await monthEnd(at);
    expect(stderr).toBe(
      `--at: "${at}" is not an ISO 8601 instant with a time zone, e.g. 2026-04-01T00:00:00Z or 2026-04-01T02:00+02:00.\n`,
    );
    expect(stdout).toBe('');
    expect(code).toBe(1);
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(false);
  });

  it('an instant in the future', async () => {
    const { code, stderr } = await monthEnd('2999-01-01T00:00:00+01:00');
    expect(stderr).toBe(
      '--at: 2998-12-31T23:00:00.000Z is in the future. The month end applies what is due by an instant that has passed.\n',
    );
    expect(code).toBe(1);
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(false);
  });

  it('the embedded database while a portal has it open', async () => {
    // A live process (this one's parent) holds the data folder, as a running portal does.
    writeFileSync(path.join(dataDir, 'portal.lock'), String(process.ppid));
    const { code, stderr } = await monthEnd('2026-04-01T00:00:00Z');
    expect(stderr).toContain(`in use by another portal process (pid ${process.ppid})`);
    expect(code).toBe(1);
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(false);
  });
});

describe('vmsp month-end on the embedded database', { timeout: 300_000 }, () => {
  it('applies the changes due by now and prints them', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'vmsp-month-end-'));
    const env = { ...envWithout('DATABASE_URL', 'APP_SECRET'), DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const config = loadConfig(env);
    const count = async (query: ReturnType<typeof sql>) => {
      const db = await openMigrated(config);
      try {
        return (await queryRows<{ n: number }>(db.connection.db, query))[0]?.n;
      } finally {
        await db.close();
      }
    };
    // Customers with running subscriptions, each with a downgrade due at an instant that has passed.
    const opened = await openMigrated(config);
    let due: number;
    try {
      const portal = await buildPortal(config, { connection: opened.connection, logger: false });
      await portal.startJobs({ work: false });
      const db = opened.connection.db;
      await seedCustomers(portal, db, systemClock, 40, () => {});
      const dueAt = new Date();
      const result = await db.execute(sql`
        insert into pending_subscription_changes (customer_id, kind, ips_internal, ips_external, price_version,
                                                  monthly_price_minor, currency, effective_at, created_at)
        select customer_id, 'downgrade', 1, 0, price_version, 200, currency, ${dueAt.toISOString()}::timestamptz,
               ${dueAt.toISOString()}::timestamptz
        from subscriptions where ended_at is null`);
      due = (result as unknown as { affectedRows: number }).affectedRows;
      await portal.close();
    } finally {
      await opened.close();
    }
    expect(due).toBeGreaterThan(0);

    const io = bufferedIo();
    expect(await runCli(['month-end'], io, env)).toBe(0);
    expect(io.stderr()).toBe('');
    expect(io.stdout()).toMatch(
      new RegExp(
        `^Month end as of \\S+Z: ${due} due changes applied, 0 subscriptions moved to a new price version, 0 fixed terms ended, 0 term-end reminders queued.\n$`,
      ),
    );
    expect(await count(sql`select count(*)::int as n from pending_subscription_changes`)).toBe(0);
    expect(
      await count(sql`select count(*)::int as n from subscriptions s join customers c on c.id = s.customer_id
        where s.ended_at is null and s.ips_internal = 1 and c.ips_internal = 1 and c.monthly_price_minor = 200`),
    ).toBe(due);
  });
});

/**
 * The month end killed (SIGKILL) halfway through 10,000 due changes, then run again: every change applies
 * exactly once. The kill is made to land halfway without depending on speed: the test holds the row lock of
 * the running period of the one change that is due last, so the run commits a batch and waits for that lock;
 * the test sees both in the database, kills the process, lets go, and runs the command again.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'vmsp month-end killed halfway (PostgreSQL)',
  {
    timeout: 600_000,
  },
  () => {
    const COUNT = 10_000;
    const APP_NAME = 'vmsp-month-end-kill-test';
    let portal: TestPortal;
    let url: string;
    let cliEnv: Record<string, string | undefined>;
    let dueAt: Date;
    let lastCustomer: string;
    let child: ChildProcess | undefined;
    const count = async (query: ReturnType<typeof sql>) =>
      (await queryRows<{ n: number }>(portal.connection.db, query))[0]?.n ?? -1;

    beforeAll(async () => {
      const clock = new ManualClock('2026-03-10T10:00:00Z');
      portal = await createTestPortal({ clock });
      if (portal.config.database.kind !== 'postgres') throw new Error('needs PostgreSQL');
      url = portal.config.database.url;
      cliEnv = {
        ...envWithout('DATA_DIR'),
        // The name marks the command's connections, so the test can find them in pg_stat_activity.
        DATABASE_URL: `${url}?application_name=${APP_NAME}`,
        APP_SECRET: TEST_SECRET,
        LOG_LEVEL: 'silent',
      };
      const db = portal.connection.db;
      await seedCustomers(portal, db, clock, COUNT, () => {});
      const table = await portal.services.prices.latest(db);
      // Every customer subscribes (the seed leaves some without), then asks for half its IPs from next month.
      await db.execute(sql`
      insert into subscriptions (customer_id, ips_internal, ips_external, payment_method, price_version,
                                 monthly_price_minor, currency, started_at)
      select c.id, 120, 80, 'invoice', ${table.version}, ${priceOf(table, 200).totalMinor}, ${table.currency},
             ${clock.now().toISOString()}::timestamptz
      from customers c
      where not exists (select 1 from subscriptions s where s.customer_id = c.id and s.ended_at is null)`);
      dueAt = nextBillingMonthStart(clock.now(), portal.config.billingTimeZone);
      const running = await queryRows<{ customer_id: string; total: number }>(
        db,
        sql`select customer_id, ips_internal + ips_external as total from subscriptions where ended_at is null
          order by customer_id`,
      );
      expect(running).toHaveLength(COUNT);
      lastCustomer = running.at(-1)?.customer_id ?? '';
      for (let i = 0; i < running.length; i += 2000) {
        await db.insert(pendingSubscriptionChanges).values(
          running.slice(i, i + 2000).map((r) => {
            const total = Math.max(1, Math.floor(r.total / 2));
            return {
              customerId: r.customer_id,
              kind: 'downgrade' as const,
              ipsInternal: total,
              ipsExternal: 0,
              priceVersion: table.version,
              monthlyPriceMinor: priceOf(table, total).totalMinor,
              currency: table.currency,
              // The last customer's change is due a minute later: it falls in the last batch.
              effectiveAt: r.customer_id === lastCustomer ? new Date(dueAt.getTime() + 60_000) : dueAt,
              createdAt: clock.now(),
            };
          }),
        );
      }
      // What each customer must end up with, kept beside the data to compare with at the end.
      await db.execute(sql`create table expected_changes as select * from pending_subscription_changes`);
      await db.execute(sql`analyze`);
    }, 600_000);

    afterAll(async () => {
      child?.kill('SIGKILL');
      await portal?.dispose();
    });

    /** Polls the database until `done` holds; fails with `what` if the command exits first. */
    async function waitFor(what: string, done: () => Promise<boolean>, command?: ChildProcess) {
      for (;;) {
        if (await done()) return;
        if (command && command.exitCode !== null) throw new Error(`the command exited before ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }

    it('applies every change exactly once across a kill and a second run', async () => {
      const at = new Date(dueAt.getTime() + 3_600_000).toISOString();
      const blocker = new pg.Client({ connectionString: url });
      await blocker.connect();
      try {
        await blocker.query('begin');
        await blocker.query(
          'select id from subscriptions where customer_id = $1 and ended_at is null for update',
          [lastCustomer],
        );
        const first = spawn(process.execPath, [MAIN, 'month-end', '--at', at], { env: cliEnv });
        child = first;
        let output = '';
        first.stdout?.on('data', (d) => (output += d));
        first.stderr?.on('data', (d) => (output += d));
        const exited = new Promise((resolve) => first.once('exit', (_code, signal) => resolve(signal)));
        // Halfway: the command waits for the held lock, and a batch of its run has committed (with two
        // batches in flight, the one holding the last change waits while the other commits).
        await waitFor(
          'it waited for the held lock after committing a batch',
          async () =>
            (await count(sql`select count(*)::int as n from pg_stat_activity
                           where application_name = ${APP_NAME} and wait_event_type = 'Lock'`)) > 0 &&
            (await count(sql`select count(*)::int as n from pending_subscription_changes`)) < COUNT,
          first,
        ).catch((err: Error) => {
          throw new Error(`${err.message}: ${output}`);
        });
        const pendingAtKill = await count(sql`select count(*)::int as n from pending_subscription_changes`);
        expect(pendingAtKill, 'a batch committed before the run reached the held lock').toBeLessThan(COUNT);
        expect(pendingAtKill).toBeGreaterThan(0);
        first.kill('SIGKILL');
        expect(await exited).toBe('SIGKILL');
        await blocker.query('rollback');
        // The server ends the killed command's transaction once it notices the closed connection.
        await waitFor(
          'the killed connections were gone',
          async () =>
            (await count(
              sql`select count(*)::int as n from pg_stat_activity where application_name = ${APP_NAME}`,
            )) === 0,
        );
        expect(await count(sql`select count(*)::int as n from pending_subscription_changes`)).toBe(
          pendingAtKill,
        );
        expect(await count(sql`select count(*)::int as n from subscriptions`)).toBe(
          2 * COUNT - pendingAtKill,
        );

        const second = await spawnVmsp(['month-end', '--at', at], cliEnv);
        expect(second.stderr).toBe('');
        expect(second.stdout).toBe(
          `Month end as of ${at}: ${pendingAtKill} due changes applied, 0 subscriptions moved to a new price version, 0 fixed terms ended, 0 term-end reminders queued.\n`,
        );
        expect(second.code).toBe(0);
      } finally {
        await blocker.end();
      }

      expect(await count(sql`select count(*)::int as n from pending_subscription_changes`)).toBe(0);
      expect(
        await count(sql`select count(*)::int as n from (
        select 1 from subscriptions group by customer_id, started_at having count(*) > 1) twice`),
      ).toBe(0);
      expect(await count(sql`select count(*)::int as n from subscriptions`)).toBe(2 * COUNT);
      // Each customer runs exactly the change it asked for, from the instant it was due, and lists it.
      expect(
        await count(sql`select count(*)::int as n from expected_changes e
        join subscriptions s on s.customer_id = e.customer_id and s.ended_at is null
        join customers c on c.id = e.customer_id
        where s.started_at = e.effective_at and s.ips_internal = e.ips_internal
          and s.ips_external = e.ips_external and s.monthly_price_minor = e.monthly_price_minor
          and c.ips_internal = e.ips_internal and c.ips_external = e.ips_external
          and c.monthly_price_minor = e.monthly_price_minor`),
      ).toBe(COUNT);
      expect(
        await count(sql`select count(*)::int as n from subscriptions s join expected_changes e using (customer_id)
        where s.ended_at = e.effective_at`),
      ).toBe(COUNT);
      const [audit] = await queryRows<{ entries: number; customers: number }>(
        portal.connection.db,
        sql`select count(*)::int as entries, count(distinct object_id)::int as customers
          from audit_log where action = 'subscription.change-applied'`,
      );
      expect(audit).toEqual({ entries: COUNT, customers: COUNT });
    });
  },
);

/**
 * Benchmark of the month end on PostgreSQL (issues: prices and subscriptions; speed of the month end): 100,000
 * due changes applied, and 100,000 running subscriptions moved to a new price version, each within 60 s and
 * within 1.3 × the same row changes made by plain SQL.
 *
 *   npm run bench:month-end            (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 *   npm run bench:month-end -- --keep --profile --rounds 1
 *
 * --profile prints, after each timed run, the time spent waiting for each kind of statement (its first words),
 * largest first: what the run spends in PostgreSQL, and by difference, in JavaScript; the plain SQL baseline's
 * statements are listed the same way before each run, to compare kind by kind. On PostgreSQL the month end runs
 * two batches at once, whose waits add up: the sum can exceed the run's time.
 *
 * Creates its own database, seeds customers in bulk, gives every one a running subscription and a downgrade
 * due at the next month's start, moves the injected clock past it and times the very service method the
 * scheduled job calls. Then it saves a new price version and times the move of every running subscription
 * to it at the following month's start. The baseline makes the same row changes by plain set-based SQL in one
 * transaction (periods ended and started, pending changes deleted, the customers' list columns, the audit
 * entries), without locks, batches or round trips. Each side runs `--rounds` times (default 3) on a fresh copy
 * of the database (CREATE DATABASE … TEMPLATE), taking turns; the medians are compared. Drops its databases at
 * the end (unless --keep).
 */
import { nextBillingMonthStart } from '@vmsp/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildPortal, type Portal } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { type Connection, openDatabase, queryRows } from '../apps/server/src/db/connection.ts';
import { migrateDatabase } from '../apps/server/src/db/migrate.ts';
import { pendingSubscriptionChanges, subscriptions } from '../apps/server/src/db/schema.ts';
import { ManualClock } from '../apps/server/src/lib/clock.ts';
import { type PriceVersionRecord, priceOf } from '../apps/server/src/modules/prices/prices.service.ts';
import { seedCustomers } from '../apps/server/src/seed.ts';
import { benchDatabase } from './database.ts';

const COUNT = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const TARGET_SECONDS = 60;
const TARGET_RATIO = 1.3;
const NAME = 'vmsp_bench_month_end';

const database = await benchDatabase(NAME);
const settings = {
  APP_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
  LOG_LEVEL: 'silent',
  WORKERS: 'false',
};
const config = loadConfig({ ...settings, DATABASE_URL: database.url });
const clock = new ManualClock('2026-03-10T10:00:00Z');
const log = (line: string) => console.log(line);

/** Time waited per statement kind, collected while `--profile` is given and a timed run is going. */
const statementTimes = new Map<string, { count: number; ms: number }>();
let profiling = false;
if (process.argv.includes('--profile')) {
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (!profiling) return query.apply(this, args);
    const config = args[0] as string | { text?: string };
    const text = typeof config === 'string' ? config : (config?.text ?? '?');
    const kind = text.replace(/\s+/g, ' ').trim().slice(0, 80);
    const started = performance.now();
    const count = () => {
      const entry = statementTimes.get(kind) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += performance.now() - started;
      statementTimes.set(kind, entry);
    };
    // A pool's query (statements outside a transaction) passes a callback instead of awaiting a promise.
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (...results: unknown[]) => {
        count();
        return callback(...results);
      };
    }
    const result = query.apply(this, args);
    if (result instanceof Promise) result.then(count, count);
    return result;
  } as typeof pg.Client.prototype.query;
}

async function open(url: string): Promise<{ connection: Connection; portal: Portal }> {
  const config = loadConfig({ ...settings, DATABASE_URL: url });
  const connection = await openDatabase(config.database);
  await migrateDatabase(connection);
  return { connection, portal: await buildPortal(config, { connection, clock, logger: false }) };
}

let { connection, portal } = await open(database.url);
let db = connection.db;
await seedCustomers(portal, db, clock, COUNT, log);
const table = await portal.services.prices.latest(db);

// Every customer subscribes (the seed leaves some without), then asks for half its IPs from next month.
await db.execute(sql`
  insert into subscriptions (customer_id, ips_internal, ips_external, payment_method, price_version,
                             monthly_price_minor, currency, started_at)
  select c.id, 120, 80, 'invoice', ${table.version}, ${priceOf(table, 200).totalMinor}, ${table.currency},
         ${clock.now().toISOString()}::timestamptz
  from customers c
  where not exists (select 1 from subscriptions s where s.customer_id = c.id and s.ended_at is null)`);
// The customers' list columns mirror their running subscription, as the services keep them.
await db.execute(sql`
  update customers c set ips_internal = s.ips_internal, ips_external = s.ips_external,
    payment_method = s.payment_method, monthly_price_minor = s.monthly_price_minor,
    status = case when c.status = 'inactive' then 'active' else c.status end
  from subscriptions s where s.customer_id = c.id and s.ended_at is null
    and (c.ips_internal, c.ips_external) is distinct from (s.ips_internal, s.ips_external)`);
const dueAt = nextBillingMonthStart(clock.now(), config.billingTimeZone);
const running = await queryRows<{ customer_id: string; total: number }>(
  db,
  sql`select customer_id, ips_internal + ips_external as total from subscriptions where ended_at is null`,
);
for (let i = 0; i < running.length; i += 5000) {
  await db.insert(pendingSubscriptionChanges).values(
    running.slice(i, i + 5000).map((r) => {
      const total = Math.max(1, Math.floor(r.total / 2));
      return {
        customerId: r.customer_id,
        kind: 'downgrade' as const,
        ipsInternal: total,
        ipsExternal: 0,
        priceVersion: table.version,
        monthlyPriceMinor: priceOf(table, total).totalMinor,
        currency: table.currency,
        effectiveAt: dueAt,
        createdAt: clock.now(),
      };
    }),
  );
}
log(`${running.length} running subscriptions, each with a downgrade due at ${dueAt.toISOString()}.`);
// The scheduled month end has run in the months before, as in a running portal: the dashboard's figures of
// the ended months are kept, so the timed runs each close one month, as every month end does (a portal's very
// first run would catch up twelve). Nothing is due yet: this run changes no subscription.
const warmUp = await portal.services.monthEnd.run();
if (warmUp.applied + warmUp.repriced + warmUp.expired !== 0)
  throw new Error('the warm-up run changed subscriptions');

const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Times `work` from a clean checkpoint (the copy it runs on wrote the whole database), with --profile's record. */
async function timedPart(what: string, checkpoint: () => Promise<unknown>, work: () => Promise<unknown>) {
  await checkpoint();
  statementTimes.clear();
  profiling = true;
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  profiling = false;
  printProfile(what, seconds);
  return seconds;
}

/**
 * Times the month end's `what` against the same row changes by plain SQL (`baseline`, in one transaction),
 * ROUNDS times each, every time on a fresh copy of the database as it stands (CREATE DATABASE … TEMPLATE), the
 * two sides taking turns in which goes first: on a shared machine a burst of other work, autovacuum or a
 * checkpoint lands on one side of one round, and the medians keep it from deciding the ratio. Then runs the
 * month end on the database itself, untimed, for what comes next.
 */
async function compare(
  what: string,
  baseline: (client: pg.Client) => Promise<void>,
  run: (portal: Portal) => Promise<number>,
): Promise<boolean> {
  await db.execute(sql`vacuum analyze`);
  await portal.close();
  await connection.close();
  const times: { sql: number[]; portal: number[] } = { sql: [], portal: [] };
  let count = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const sides = [
      async () => {
        const copy = await benchDatabase(`${NAME}_sql`, NAME);
        const client = new pg.Client({ connectionString: copy.url });
        await client.connect();
        times.sql.push(
          await timedPart(
            `plain SQL, round ${round}`,
            () => client.query('checkpoint'),
            async () => {
              await client.query('begin');
              await baseline(client);
              await client.query('commit');
            },
          ),
        );
        await client.end();
        await copy.drop();
      },
      async () => {
        const copy = await benchDatabase(`${NAME}_portal`, NAME);
        const opened = await open(copy.url);
        times.portal.push(
          await timedPart(
            `${what}, round ${round}`,
            () => opened.connection.db.execute(sql`checkpoint`),
            async () => {
              count = await run(opened.portal);
            },
          ),
        );
        await opened.portal.close();
        await opened.connection.close();
        await copy.drop();
      },
    ];
    if (round % 2 === 0) sides.reverse();
    for (const side of sides) await side();
  }
  ({ connection, portal } = await open(database.url));
  db = connection.db;
  await run(portal);
  const [seconds, baselineSeconds] = [median(times.portal), median(times.sql)];
  const ratio = seconds / baselineSeconds;
  const met = seconds <= TARGET_SECONDS && ratio <= TARGET_RATIO;
  const list = (values: number[]) => values.map((v) => v.toFixed(1)).join(' / ');
  log(
    `${what.padEnd(32)} ${String(count).padStart(7)} in ${seconds.toFixed(1).padStart(5)} s (target ≤ ${TARGET_SECONDS} s);` +
      ` plain SQL ${baselineSeconds.toFixed(1).padStart(5)} s, ratio ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO})   ${met ? 'met' : 'NOT MET'}` +
      `\n${''.padEnd(32)} ${ROUNDS} rounds, medians compared: month end ${list(times.portal)} s, plain SQL ${list(times.sql)} s`,
  );
  return met;
}

/** With --profile: the statement kinds of the run just timed, largest first (the baseline's too, to compare). */
function printProfile(what: string, seconds: number) {
  if (!statementTimes.size) return;
  const entries = [...statementTimes.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const inDatabase = entries.reduce((sum, [, e]) => sum + e.ms, 0) / 1000;
  log(`  ${what}:`);
  for (const [kind, e] of entries.slice(0, 12)) {
    log(`  ${(e.ms / 1000).toFixed(2).padStart(6)} s ${String(e.count).padStart(4)}×  ${kind}`);
  }
  log(
    `  ${inDatabase.toFixed(2).padStart(6)} s waiting for PostgreSQL, ${(seconds - inDatabase).toFixed(2)} s elsewhere`,
  );
}

/** The audit entry of a period change, as the portal writes it: the numbers and price before and after. */
const auditRunning = (alias: string) =>
  `jsonb_build_object('running', jsonb_build_object('ipsInternal', ${alias}.ips_internal, 'ipsExternal', ${alias}.ips_external,
     'monthlyPriceMinor', ${alias}.monthly_price_minor, 'currency', ${alias}.currency))`;

// Due changes: the service against the plain SQL baseline.
const now1 = new Date(dueAt.getTime() + 60_000);
clock.set(now1);
const appliedMet = await compare(
  'due changes applied',
  async (client) => {
    const at = now1.toISOString();
    await client.query(
      `create temp table due on commit drop as
       with d as (delete from pending_subscription_changes where effective_at <= $1 returning *) select * from d`,
      [at],
    );
    await client.query(
      `create temp table old on commit drop as
       select s.* from subscriptions s join due d on d.customer_id = s.customer_id where s.ended_at is null`,
    );
    await client.query(
      `update subscriptions s set ended_at = d.effective_at from due d where s.id in (select id from old)
       and s.customer_id = d.customer_id`,
    );
    await client.query(
      `insert into subscriptions (customer_id, ips_internal, ips_external, payment_method, price_version,
                                monthly_price_minor, currency, started_at, term_ends_at, project_key_id)
     select d.customer_id, d.ips_internal, d.ips_external, coalesce(d.payment_method, o.payment_method),
            d.price_version, d.monthly_price_minor, d.currency, d.effective_at, d.term_ends_at, d.project_key_id
     from due d join old o on o.customer_id = d.customer_id`,
    );
    await client.query(
      `update customers c set ips_internal = d.ips_internal, ips_external = d.ips_external,
       monthly_price_minor = d.monthly_price_minor, updated_at = $1, version = c.version + 1
     from due d where d.customer_id = c.id`,
      [at],
    );
    await client.query(
      `insert into audit_log (at, action, object_type, object_id, before, after)
     select $1, 'subscription.change-applied', 'customer', d.customer_id::text, ${auditRunning('o')}, ${auditRunning('d')}
     from due d join old o on o.customer_id = d.customer_id`,
      [at],
    );
  },
  async (p) => (await p.services.monthEnd.run()).applied,
);
const left = await queryRows<{ n: number }>(
  db,
  sql`select count(*)::int as n from pending_subscription_changes`,
);
if (left[0]?.n !== 0) throw new Error(`${left[0]?.n} due changes were left`);

// A new price version: the service against the plain SQL baseline.
await portal.services.prices.save(
  { id: '00000000-0000-4000-8000-000000000000', email: 'bench@provider.test' },
  {
    currency: table.currency,
    ranges: table.ranges.map((r) => ({ ...r, unitPrice: ((r.unitPriceMinor + 10) / 100).toFixed(2) })),
    basedOnVersion: table.version,
  },
);
const next: PriceVersionRecord = await portal.services.prices.latest(db);
const now2 = new Date(next.runningFrom.getTime() + 60_000);
const largest = next.ranges.at(-1)?.to ?? 0;
clock.set(now2);
const repricedMet = await compare(
  'running subscriptions repriced',
  async (client) => {
    // The new version's price of every IP count, as a table to join (the portal computes it in TypeScript).
    await client.query(
      `create temp table price on commit drop as
       select * from unnest($1::int[], $2::bigint[]) as p(total, minor)`,
      [
        Array.from({ length: largest }, (_, i) => i + 1),
        Array.from({ length: largest }, (_, i) => priceOf(next, i + 1).totalMinor),
      ],
    );
    await client.query(
      `create temp table stale on commit drop as
       select s.*, greatest($2::timestamptz, s.started_at) as at, p.minor
       from subscriptions s join price p on p.total = s.ips_internal + s.ips_external
       where s.ended_at is null and s.price_version < $1`,
      [next.version, next.runningFrom.toISOString()],
    );
    await client.query(`update subscriptions s set ended_at = t.at from stale t where s.id = t.id`);
    await client.query(
      `insert into subscriptions (customer_id, ips_internal, ips_external, payment_method, price_version,
                                monthly_price_minor, currency, started_at, term_ends_at, project_key_id)
     select customer_id, ips_internal, ips_external, payment_method, $1, minor, $2, at, term_ends_at, project_key_id
     from stale`,
      [next.version, next.currency],
    );
    await client.query(
      `update customers c set monthly_price_minor = t.minor, updated_at = $1, version = c.version + 1
     from stale t where t.customer_id = c.id`,
      [now2.toISOString()],
    );
    await client.query(
      `insert into audit_log (at, action, object_type, object_id, before, after)
     select $1, 'subscription.repriced', 'customer', t.customer_id::text, ${auditRunning('t')},
            jsonb_build_object('running', jsonb_build_object('ipsInternal', t.ips_internal,
              'ipsExternal', t.ips_external, 'monthlyPriceMinor', t.minor, 'currency', $2::text))
     from stale t`,
      [now2.toISOString(), next.currency],
    );
  },
  async (p) => (await p.services.monthEnd.run()).repriced,
);
const stale = await queryRows<{ n: number }>(
  db,
  sql`select count(*)::int as n from ${subscriptions} where ended_at is null and price_version < ${next.version}`,
);
if (stale[0]?.n !== 0) throw new Error(`${stale[0]?.n} subscriptions kept the old version`);

await portal.close();
await connection.close();
await database.drop();
process.exitCode = appliedMet && repricedMet ? 0 : 1;

/**
 * Benchmark of the month end on PostgreSQL (issue: prices and subscriptions): 100,000 due changes applied
 * in ≤ 60 s, and 100,000 running subscriptions moved to a new price version in ≤ 60 s.
 *
 *   npm run bench:month-end            (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 *
 * Creates its own database, seeds customers in bulk, gives every one a running subscription and a downgrade
 * due at the next month's start, moves the injected clock past it and times the very service method the
 * scheduled job calls. Then it saves a new price version and times the move of every running subscription
 * to it at the following month's start. Drops its database at the end (unless --keep).
 */
import { nextBillingMonthStart } from '@vmsp/domain';
import { sql } from 'drizzle-orm';
import { buildPortal } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase, queryRows } from '../apps/server/src/db/connection.ts';
import { migrateDatabase } from '../apps/server/src/db/migrate.ts';
import { pendingSubscriptionChanges, subscriptions } from '../apps/server/src/db/schema.ts';
import { ManualClock } from '../apps/server/src/lib/clock.ts';
import { priceOf } from '../apps/server/src/modules/prices/prices.service.ts';
import { seedCustomers } from '../apps/server/src/seed.ts';
import { benchDatabase } from './database.ts';

const COUNT = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const TARGET_SECONDS = 60;

const database = await benchDatabase('vmsp_bench_month_end');

const config = loadConfig({
  DATABASE_URL: database.url,
  APP_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
  LOG_LEVEL: 'silent',
});
const clock = new ManualClock('2026-03-10T10:00:00Z');
const connection = await openDatabase(config.database);
await migrateDatabase(connection);
const portal = await buildPortal(config, { connection, clock, logger: false });
const db = connection.db;
const { customerSubscriptions, prices } = portal.services;
const log = (line: string) => console.log(line);

await seedCustomers(portal, db, clock, COUNT, log);
const table = await prices.latest(db);

// Every customer subscribes (the seed leaves some without), then asks for half its IPs from next month.
await db.execute(sql`
  insert into subscriptions (customer_id, ips_internal, ips_external, payment_method, price_version,
                             monthly_price_minor, currency, started_at)
  select c.id, 120, 80, 'invoice', ${table.version}, ${priceOf(table, 200).totalMinor}, ${table.currency},
         ${clock.now().toISOString()}::timestamptz
  from customers c
  where not exists (select 1 from subscriptions s where s.customer_id = c.id and s.ended_at is null)`);
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
await db.execute(sql`vacuum analyze`);
log(`${running.length} running subscriptions, each with a downgrade due at ${dueAt.toISOString()}.`);

async function timed(what: string, run: () => Promise<number>): Promise<boolean> {
  const started = performance.now();
  const count = await run();
  const seconds = (performance.now() - started) / 1000;
  const met = seconds <= TARGET_SECONDS;
  log(
    `${what.padEnd(40)} ${String(count).padStart(7)} in ${seconds.toFixed(1).padStart(5)} s   target ≤ ${TARGET_SECONDS} s   ${met ? 'met' : 'NOT MET'}`,
  );
  return met;
}

clock.set(new Date(dueAt.getTime() + 60_000));
const appliedMet = await timed(
  'due changes applied',
  async () => (await customerSubscriptions.applyDueSubscriptionChanges()).applied,
);
const left = await queryRows<{ n: number }>(
  db,
  sql`select count(*)::int as n from pending_subscription_changes`,
);
if (left[0]?.n !== 0) throw new Error(`${left[0]?.n} due changes were left`);

await prices.save(
  { id: '00000000-0000-4000-8000-000000000000', email: 'bench@provider.test' },
  {
    currency: table.currency,
    ranges: table.ranges.map((r) => ({ ...r, unitPrice: ((r.unitPriceMinor + 10) / 100).toFixed(2) })),
    basedOnVersion: table.version,
  },
);
const next = await prices.latest(db);
clock.set(new Date(next.runningFrom.getTime() + 60_000));
const repricedMet = await timed(
  'running subscriptions repriced',
  async () => (await customerSubscriptions.applyDueSubscriptionChanges()).repriced,
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

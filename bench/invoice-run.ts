/**
 * Benchmark of the monthly invoice run on PostgreSQL (issue 12): 100,000 customers paying by invoice, each
 * invoiced for a whole month, within 120 s, without the PDFs (rendered by a job afterwards; see
 * bench/invoice-documents.ts).
 *
 *   npm run bench:invoice-run            (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 *   npm run bench:invoice-run -- --keep
 *
 * Creates its own database, seeds customers in bulk, gives every one a subscription paid by invoice from the
 * start of April 2026, completes Settings → Company, moves the clock to the first minutes of May and times the
 * very method the month end calls. Checks afterwards that every customer has exactly one invoice and that the
 * numbers run from 1 without a gap. BENCH_CUSTOMERS sets another count.
 */
import { billingMonthStart } from '@vmsp/domain';
import { sql } from 'drizzle-orm';
import { buildPortal } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase, queryRows } from '../apps/server/src/db/connection.ts';
import { migrateDatabase } from '../apps/server/src/db/migrate.ts';
import { ManualClock } from '../apps/server/src/lib/clock.ts';
import { COMPLETE_COMPANY } from '../apps/server/src/modules/invoicing/company-settings.fixtures.ts';
import { priceOf } from '../apps/server/src/modules/prices/prices.service.ts';
import { seedCustomers } from '../apps/server/src/seed.ts';
import { benchDatabase } from './database.ts';

const COUNT = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const TARGET_SECONDS = 120;
const NAME = 'vmsp_bench_invoice_run';

const database = await benchDatabase(NAME);
const config = loadConfig({
  DATABASE_URL: database.url,
  APP_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
  LOG_LEVEL: 'silent',
  WORKERS: 'false',
});
const clock = new ManualClock('2026-03-10T10:00:00Z');
const log = (line: string) => console.log(line);

const connection = await openDatabase(config.database);
await migrateDatabase(connection);
const portal = await buildPortal(config, { connection, clock, logger: false });
// The run queues the rendering job; no worker takes it here.
await portal.startJobs({ work: false });
const db = connection.db;
await seedCustomers(portal, db, clock, COUNT, log);
const table = await portal.services.prices.latest(db);

// Every customer pays by invoice for the whole of April: the seed's periods are moved there, and those
// without one get one of 200 IPs.
const april = billingMonthStart('2026-04', config.billingTimeZone).toISOString();
await db.execute(sql`delete from subscriptions where ended_at is not null`);
await db.execute(
  sql`update subscriptions set payment_method = 'invoice', started_at = ${april}::timestamptz`,
);
await db.execute(sql`
  insert into subscriptions (customer_id, ips_internal, ips_external, payment_method, price_version,
                             monthly_price_minor, currency, started_at)
  select c.id, 120, 80, 'invoice', ${table.version}, ${priceOf(table, 200).totalMinor}, ${table.currency},
         ${april}::timestamptz
  from customers c
  where not exists (select 1 from subscriptions s where s.customer_id = c.id and s.ended_at is null)`);
await db.execute(sql`update customers set payment_method = 'invoice'`);
await db.execute(sql`vacuum analyze`);
await portal.services.companySettings.save(
  { id: crypto.randomUUID(), email: 'bench@provider.test' },
  COMPLETE_COMPANY,
);

const now = new Date(billingMonthStart('2026-05', config.billingTimeZone).getTime() + 5 * 60_000);
clock.set(now);
const started = performance.now();
const { invoiced } = await portal.services.monthEnd.run();
const seconds = (performance.now() - started) / 1000;

const [check] = await queryRows<{ n: number; customers: number; min: number; max: number }>(
  db,
  sql`select count(*)::int as n, count(distinct customer_id)::int as customers,
        min(substring(number from '\\d+$')::int) as min, max(substring(number from '\\d+$')::int) as max
      from invoices where billing_month = '2026-04'`,
);
const gapless = check?.min === 1 && check.max === check.n && check.customers === check.n;
const met = seconds <= TARGET_SECONDS && check?.n === COUNT && gapless;
log(
  `invoice run: ${String(check?.n).padStart(7)} invoices in ${seconds.toFixed(1).padStart(5)} s ` +
    `(target ≤ ${TARGET_SECONDS} s for ${COUNT}); numbers 1…${check?.max}, ${gapless ? 'gapless, one per customer' : 'NOT gapless'}` +
    `; month end reported ${invoiced}   ${met ? 'met' : 'NOT MET'}`,
);

await portal.close();
await connection.close();
await database.drop();
process.exitCode = met ? 0 : 1;

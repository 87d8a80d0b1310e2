/**
 * Benchmark of the monthly billing data on PostgreSQL (issue 13): the download of a month of 100,000 customers
 * within 5 s with flat memory, as CSV and as XLSX, written to a sink as the HTTP download streams it.
 *
 *   npm run bench:billing-data            (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 *   npm run bench:billing-data -- --keep
 *
 * Creates its own database, seeds customers in bulk (bench/invoice-run.ts's way), gives every one a
 * subscription from the start of April 2026, two in three paid by invoice and one in three by card, saves a
 * purchase price table, lets the month end invoice April, then times each format. Memory: the retained heap's
 * growth over the idle heap (collected before each sample); flat means it does not grow with the
 * rows (a month of 100,000 rows held at once would take hundreds of MB). Checks that the CSV's sales of the
 * invoiced rows agree to the cent with April's invoices. BENCH_CUSTOMERS sets another count.
 */
import { availableParallelism, loadavg } from 'node:os';
import { Writable } from 'node:stream';
import { billingMonthStart } from '@vmsp/domain';
import { sql } from 'drizzle-orm';
import { buildPortal } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase, queryRows } from '../apps/server/src/db/connection.ts';
import { migrateDatabase } from '../apps/server/src/db/migrate.ts';
import { ManualClock } from '../apps/server/src/lib/clock.ts';
import { billingDataCsv } from '../apps/server/src/modules/billing-data/billing-data.csv.ts';
import type { BillingDataRow } from '../apps/server/src/modules/billing-data/billing-data.rows.ts';
import { writeBillingDataXlsx } from '../apps/server/src/modules/billing-data/billing-data.xlsx.ts';
import { COMPLETE_COMPANY } from '../apps/server/src/modules/invoicing/company-settings.fixtures.ts';
import { priceOf } from '../apps/server/src/modules/prices/prices.service.ts';
import { seedCustomers } from '../apps/server/src/seed.ts';
import { benchDatabase } from './database.ts';

const COUNT = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const TARGET_SECONDS = 5;
const TARGET_HEAP_MB = 64;
const NAME = 'vmsp_bench_billing_data';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc (npm run bench:billing-data does).');

const database = await benchDatabase(NAME);
const config = loadConfig({
  DATABASE_URL: database.url,
  APP_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
  LOG_LEVEL: 'silent',
  WORKERS: 'false',
});
const clock = new ManualClock('2026-03-10T10:00:00Z');
const log = (line: string) => console.log(line);
const actor = { id: crypto.randomUUID(), email: 'bench@provider.test' };

const connection = await openDatabase(config.database);
await migrateDatabase(connection);
const portal = await buildPortal(config, { connection, clock, logger: false });
await portal.startJobs({ work: false });
const db = connection.db;
await seedCustomers(portal, db, clock, COUNT, log);
const table = await portal.services.prices.latest(db);
await portal.services.purchasePrices.save(actor, {
  currency: table.currency,
  basedOnVersion: null,
  ranges: table.ranges.map((r) => ({
    from: r.from,
    to: r.to,
    articleName: r.articleName,
    articleNumber: r.articleNumber,
    unitPrice: (Math.floor((r.unitPriceMinor * 6) / 10) / 100).toFixed(2),
  })),
});

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
// One in three pays by card: billed by Stripe, so its sales are computed rather than read from an invoice.
await db.execute(sql`update subscriptions set payment_method = 'credit-card'
  where ('x' || substr(md5(customer_id::text), 1, 8))::bit(32)::int % 3 = 0`);
await db.execute(sql`update customers c set payment_method = s.payment_method
  from subscriptions s where s.customer_id = c.id and s.ended_at is null`);
await db.execute(sql`vacuum analyze`);
await portal.services.companySettings.save(actor, COMPLETE_COMPANY);
clock.set(new Date(billingMonthStart('2026-05', config.billingTimeZone).getTime() + 5 * 60_000));
const { invoiced } = await portal.services.monthEnd.run();
await db.execute(sql`vacuum analyze`);
log(`April invoiced: ${invoiced} invoices; timing the billing data of 2026-04`);

const billingData = portal.services.billingData;
const month = billingData.endedMonth('2026-04');

/**
 * Bytes written, and the retained heap's peak growth over the idle heap: after each MiB written the heap is
 * collected and measured (garbage not yet collected is not memory the export holds; collecting more often slows
 * the export itself down, by more than the collections take). The collections' time is left out,
 * of the elapsed time and of the CPU time this process spent (which, unlike the elapsed time, does not grow
 * when other processes take the cores; the database server's share is not in it).
 */
function meter() {
  gc?.();
  const base = process.memoryUsage().heapUsed;
  const cpu = process.cpuUsage();
  let peak = 0;
  let bytes = 0;
  let sampledAt = 0;
  let gcMs = 0;
  let gcCpuUs = 0;
  return {
    sample(chunkBytes: number) {
      bytes += chunkBytes;
      if (bytes - sampledAt < 2 ** 20) return;
      sampledAt = bytes;
      const started = performance.now();
      const startedCpu = process.cpuUsage();
      gc?.();
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      const { user, system } = process.cpuUsage(startedCpu);
      gcCpuUs += user + system;
      gcMs += performance.now() - started;
    },
    result: () => {
      const { user, system } = process.cpuUsage(cpu);
      const cpuSeconds = (user + system - gcCpuUs) / 1e6;
      return { bytes, peakMb: peak / 2 ** 20, gcSeconds: gcMs / 1000, cpuSeconds };
    },
  };
}

function report(
  format: string,
  seconds: number,
  rows: number,
  m: { bytes: number; peakMb: number; cpuSeconds: number },
): boolean {
  const met = seconds <= TARGET_SECONDS && m.peakMb <= TARGET_HEAP_MB;
  log(
    `billing data ${format.padEnd(4)}: ${String(rows).padStart(7)} rows, ${(m.bytes / 2 ** 20).toFixed(1)} MB ` +
      `in ${seconds.toFixed(2)} s (target ≤ ${TARGET_SECONDS} s for ${COUNT} customers; CPU of this process ` +
      `${m.cpuSeconds.toFixed(2)} s, load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores); ` +
      `heap growth ${m.peakMb.toFixed(1)} MB retained (target ≤ ${TARGET_HEAP_MB} MB)   ${met ? 'met' : 'NOT MET'}`,
  );
  return met;
}

/** The service's batches, counting rows and the invoiced rows' sales on the way. */
async function* counted(tally: { rows: number; invoicedSales: number }): AsyncGenerator<BillingDataRow[]> {
  for await (const batch of billingData.batches(month)) {
    tally.rows += batch.length;
    for (const row of batch) if (row.paymentMethod !== 'credit-card') tally.invoicedSales += row.salesMinor;
    yield batch;
  }
}

let allMet = true;

{
  const tally = { rows: 0, invoicedSales: 0 };
  const m = meter();
  const started = performance.now();
  for await (const chunk of billingDataCsv(counted(tally), 'semicolon')) m.sample(Buffer.byteLength(chunk));
  const seconds = (performance.now() - started) / 1000 - m.result().gcSeconds;
  allMet = report('csv', seconds, tally.rows, m.result()) && allMet;
  const [net] = await queryRows<{ net: string | number }>(
    db,
    sql`select coalesce(sum(net_minor), 0) as net from invoices where kind = 'invoice' and billing_month = '2026-04'`,
  );
  const agrees = Number(net?.net) === tally.invoicedSales;
  log(
    `sales of invoiced rows ${tally.invoicedSales} vs April's invoices ${net?.net}: ${agrees ? 'agree' : 'DO NOT AGREE'}`,
  );
  allMet = agrees && allMet;
}

{
  const tally = { rows: 0, invoicedSales: 0 };
  const m = meter();
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _encoding, done) {
      m.sample(chunk.byteLength);
      done();
    },
  });
  const started = performance.now();
  await writeBillingDataXlsx(counted(tally), '2026-04', sink);
  const seconds = (performance.now() - started) / 1000 - m.result().gcSeconds;
  allMet = report('xlsx', seconds, tally.rows, m.result()) && allMet;
}

await portal.close();
await connection.close();
await database.drop();
process.exitCode = allMet ? 0 : 1;

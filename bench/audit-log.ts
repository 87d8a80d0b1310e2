/**
 * Benchmark of the Audit Log at millions of entries (the list's filters and the CSV export).
 *
 *   node bench/audit-log.ts                 PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 *   BENCH_AUDIT_ENTRIES=500000 node bench/audit-log.ts
 *
 * Creates its own database with 10,000 customers and 2,000,000 audit entries over two years (every action of
 * the contract, 20 admins and the system, objects spread over the customers), gathers the planner's statistics
 * as the portal and autovacuum do, and times the service's list (the page, its object names and the capped
 * total) for the first page unfiltered and for each filter alone and combined, then the export of half a year.
 * Targets: every list p95 ≤ 50 ms; the export ≥ 20,000 entries per second. Drops its database (unless --keep).
 */
import { AUDIT_ACTIONS, type AuditQuery } from '@vmsp/contracts';
import { sql } from 'drizzle-orm';
import { buildPortal } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { analyze } from '../apps/server/src/db/analyze.ts';
import { openDatabase, queryRows } from '../apps/server/src/db/connection.ts';
import { migrateDatabase } from '../apps/server/src/db/migrate.ts';
import { systemClock } from '../apps/server/src/lib/clock.ts';
import { seedCustomers } from '../apps/server/src/seed.ts';
import { benchDatabase } from './database.ts';

const ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 2_000_000);
const CUSTOMERS = 10_000;
const ADMINS = 20;
const RUNS = 30;
const LIST_P95_MS = 50;
const EXPORT_PER_SECOND = 20_000;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

const database = await benchDatabase('vmsp_bench_audit');
const config = loadConfig({
  DATABASE_URL: database.url,
  APP_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
  LOG_LEVEL: 'silent',
  WORKERS: 'false',
});
const connection = await openDatabase(config.database);
await migrateDatabase(connection);
const portal = await buildPortal(config, { connection, logger: false });
const db = connection.db;
let failed = false;

try {
  console.log(`PostgreSQL: seeding ${CUSTOMERS.toLocaleString('en')} customers…`);
  await seedCustomers(portal, db, systemClock, CUSTOMERS, () => {});
  console.log(`seeding ${ENTRIES.toLocaleString('en')} audit entries…`);
  const started = performance.now();
  // Entry g: action g mod |actions|, actor g mod 21 (0: the system), object customer g mod |customers| (a
  // fifth are about other objects), at spread evenly over the two years before 2026-06-01.
  await db.execute(sql`
    with c as (select id, (row_number() over (order by id)) - 1 as k from customers),
         a as (select action, (row_number() over ()) - 1 as k from unnest(${`{${AUDIT_ACTIONS.join(',')}}`}::text[]) as action)
    insert into audit_log (at, actor_id, actor_email, action, object_type, object_id, before, after)
    select timestamptz '2026-06-01' - (g * (interval '2 years' / ${ENTRIES})),
           case when g % ${ADMINS + 1} = 0 then null
                else ('00000000-0000-4000-8000-' || lpad((g % ${ADMINS + 1})::text, 12, '0'))::uuid end,
           case when g % ${ADMINS + 1} = 0 then null else 'admin' || (g % ${ADMINS + 1}) || '@provider.test' end,
           a.action,
           case when g % 5 = 0 then 'invoice' else 'customer' end,
           c.id::text,
           jsonb_build_object('locked', false),
           jsonb_build_object('locked', true)
    from generate_series(1, ${ENTRIES}) g
    join c on c.k = g % ${CUSTOMERS}
    join a on a.k = g % ${AUDIT_ACTIONS.length}`);
  await analyze(db, ['customers', 'invoices', 'users']);
  // A server's autovacuum visits an insert-only table too (PostgreSQL 13+); its visibility map lets the capped
  // total count from the index alone. Without it (right after a bulk insert) a total of 10,000 visits the heap:
  // about 30 ms more per filtered page.
  await db.execute(sql`vacuum analyze audit_log`);
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const [customer] = await queryRows<{ id: string }>(
    db,
    sql`select id from customers order by id offset 1 limit 1`,
  );
  const admin = '00000000-0000-4000-8000-000000000007';
  const base: AuditQuery = { page: 1, pageSize: 50 };
  const cases: [string, Partial<AuditQuery>][] = [
    ['newest first, no filter', {}],
    ['an action', { action: 'customer.locked' }],
    ['a customer', { customerId: customer?.id }],
    ['an admin', { actorId: admin }],
    ['one day', { from: '2025-03-14', to: '2025-03-14' }],
    ['a month, page 20', { from: '2025-03-01', to: '2025-03-31', page: 20 }],
    [
      'action + admin + month',
      { action: 'customer.locked', actorId: admin, from: '2025-03-01', to: '2025-03-31' },
    ],
    ['customer + action', { customerId: customer?.id, action: 'customer.locked' }],
  ];
  console.log(`\nGET /api/audit through the service, ${RUNS} runs each (target p95 ≤ ${LIST_P95_MS} ms):`);
  for (const [label, filter] of cases) {
    const times: number[] = [];
    let page = await portal.services.audit.list({ ...base, ...filter });
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      page = await portal.services.audit.list({ ...base, ...filter });
      times.push(performance.now() - t0);
    }
    const p95 = percentile(times, 95);
    const ok = p95 <= LIST_P95_MS;
    failed ||= !ok;
    const total = `${page.total.toLocaleString('en')}${page.totalIsLowerBound ? '+' : ''}`;
    console.log(
      `  ${label.padEnd(30)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  ${total.padStart(7)} entries  ${ok ? 'ok' : 'OVER TARGET'}`,
    );
  }

  const t0 = performance.now();
  let exported = 0;
  for await (const batch of portal.services.audit.export({ from: '2025-01-01', to: '2025-06-30' })) {
    exported += batch.length;
  }
  const seconds = (performance.now() - t0) / 1000;
  const rate = exported / seconds;
  failed ||= rate < EXPORT_PER_SECOND;
  console.log(
    `\nexport of half a year: ${exported.toLocaleString('en')} entries in ${seconds.toFixed(1)} s, ${Math.round(rate).toLocaleString('en')}/s (target ≥ ${EXPORT_PER_SECOND.toLocaleString('en')}/s) ${rate >= EXPORT_PER_SECOND ? 'ok' : 'UNDER TARGET'}`,
  );
} finally {
  await portal.close();
  await connection.close();
  await database.drop();
}
if (failed) process.exitCode = 1;

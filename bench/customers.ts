/**
 * Benchmark of the Billing page on PostgreSQL with 100,000 customers (issue: customers list and export).
 *
 *   npm run bench:customers            (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 *
 * Creates its own database, seeds it in bulk, serves the portal on loopback, and measures over HTTP:
 * p50/p95 of the list endpoint for the first page, a filtered page, a search and a sort on every column,
 * each beside the same SQL run directly under EXPLAIN ANALYZE (planning + execution of the page and the
 * total), and the floor of any signed-in request (GET /api/session); then the export's wall time and the
 * process's peak RSS growth while it streams. Targets: list p95 ≤ 1.5 × raw and ≤ 50 ms; export ≤ 2 s
 * with RSS growth ≤ 64 MB. Drops its database at the end (unless --keep).
 */
import { CustomerListQuery } from '@vmsp/contracts';
import { sql } from 'drizzle-orm';
import { buildPortal } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase, queryRows } from '../apps/server/src/db/connection.ts';
import { migrateDatabase } from '../apps/server/src/db/migrate.ts';
import { systemClock } from '../apps/server/src/lib/clock.ts';
import { hashPassword } from '../apps/server/src/lib/passwords.ts';
import { listQueries } from '../apps/server/src/modules/customers/customers.repository.ts';
import { seedCustomers } from '../apps/server/src/seed.ts';
import { benchDatabase } from './database.ts';

const COUNT = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const RUNS = 60;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

const database = await benchDatabase('vmsp_bench_customers');

const config = {
  ...loadConfig({
    DATABASE_URL: database.url,
    APP_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
  }),
};
const connection = await openDatabase(config.database);
await migrateDatabase(connection);
const portal = await buildPortal(config, { connection, logger: false });
await seedCustomers(portal, connection.db, systemClock, COUNT, (line) => console.log(line));
// What autovacuum does in a running system: statistics, and the visibility map that index-only scans need.
await connection.db.execute(sql`vacuum analyze`);
await portal.services.users.create(connection.db, {
  email: 'bench@provider.test',
  role: 'admin',
  status: 'active',
  passwordHash: await hashPassword('bench password that is long enough'),
});
await portal.app.listen({ port: 0, host: '127.0.0.1' });
const address = portal.app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const signIn = await fetch(`${base}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'bench@provider.test', password: 'bench password that is long enough' }),
});
const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

/** Execution time of the endpoint's two statements (page and count), measured by PostgreSQL itself. */
async function rawMs(search: string): Promise<number> {
  const query = CustomerListQuery.parse(Object.fromEntries(new URLSearchParams(search)));
  const q = listQueries(
    connection.db,
    query,
    { sort: query.sort, dir: query.dir },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  let total = 0;
  for (const statement of [q.rows.toSQL(), q.total.toSQL()]) {
    const explained = await queryRows<{
      'QUERY PLAN': [{ 'Execution Time': number; 'Planning Time': number }];
    }>(connection.db, sql.raw(`explain (analyze, format json) ${inline(statement.sql, statement.params)}`));
    const plan = explained[0]?.['QUERY PLAN'][0];
    total += (plan?.['Execution Time'] ?? 0) + (plan?.['Planning Time'] ?? 0);
  }
  return total;
}

/** EXPLAIN cannot take bind parameters through the simple protocol: inline them as literals. */
function inline(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_m, n) => {
    const v = params[Number(n) - 1];
    return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}

const scenarios: [string, string][] = [
  ['first page', ''],
  ['filtered page', 'status=inactive&serviceMode=managed&paymentMethod=free&page=3'],
  ['search', 'q=nordlicht%201234'],
  ...CustomerListQuery.shape.sort
    .unwrap()
    .options.map((key) => [`sort ${key} desc`, `sort=${key}&dir=desc`] as [string, string]),
];

/** Times an authenticated GET over HTTP, RUNS times after 5 warm-up requests. */
async function timeRequests(path: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 5; i++) {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    if (i >= 5) times.push(performance.now() - started);
  }
  return times;
}

// The floor: what any signed-in request costs here (HTTP on loopback, the session lookup, JSON), without the list.
const floor = await timeRequests('/api/session');
console.log(
  `\nFloor: GET /api/session p50 ${percentile(floor, 50).toFixed(2)} ms, p95 ${percentile(floor, 95).toFixed(2)} ms`,
);
console.log(
  `List endpoint, ${COUNT.toLocaleString('en')} customers, ${RUNS} requests each (targets: p95 ≤ 50 ms; p95 ≤ 1.5 × raw)`,
);
console.log('scenario                      p50 ms   p95 ms   raw p95 ms   ratio   ≤ 50 ms   ≤ 1.5 × raw');
let failures = 0;
for (const [name, search] of scenarios) {
  const http = await timeRequests(`/api/customers?${search}`);
  const raw: number[] = [];
  for (let i = 0; i < 20; i++) raw.push(await rawMs(search));
  const p95 = percentile(http, 95);
  const rawP95 = percentile(raw, 95);
  const ratio = p95 / rawP95;
  const fast = p95 <= 50;
  const close = ratio <= 1.5;
  if (!fast || !close) failures++;
  console.log(
    `${name.padEnd(28)} ${percentile(http, 50).toFixed(2).padStart(7)} ${p95.toFixed(2).padStart(8)} ${rawP95.toFixed(2).padStart(12)} ${ratio.toFixed(2).padStart(7)}   ${(fast ? 'yes' : 'NO').padEnd(9)} ${close ? 'yes' : 'NO'}`,
  );
}

// Export: stream the whole unfiltered list, counting bytes only, and watch the process's RSS.
global.gc?.();
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 5);
const started = performance.now();
const res = await fetch(`${base}/api/customers/export`, { headers: { cookie } });
let bytes = 0;
for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
const exportMs = performance.now() - started;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const growthMb = (peak - rssBefore) / 1_048_576;
const exportOk = exportMs <= 2000 && growthMb <= 64;
if (!exportOk) failures++;
console.log(
  `\nExport of ${COUNT.toLocaleString('en')} customers: ${(exportMs / 1000).toFixed(2)} s (target ≤ 2 s), ${(bytes / 1_048_576).toFixed(1)} MB, peak RSS growth ${growthMb.toFixed(1)} MB (target ≤ 64 MB)   ${exportOk ? 'yes' : 'NO'}`,
);

await portal.close();
await connection.close();
await database.drop();
console.log(failures ? `\n${failures} target(s) missed.` : '\nAll targets met.');
process.exitCode = failures ? 1 : 0;

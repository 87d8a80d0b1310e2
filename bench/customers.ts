/**
 * Benchmark of the Billing page with 100,000 customers (issues: customers list and export; speed of the list).
 *
 *   npm run bench:customers                  PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 *   npm run bench:customers -- --embedded    PGlite in a temporary data folder, as `npm start` runs it
 *
 * Creates its own database, seeds it in bulk (the seed refreshes the planner's statistics, as the portal does),
 * serves the portal on loopback and measures over HTTP, each beside the same SQL sent through the driver on the
 * portal's own connection (pool):
 * - the session lookup behind every signed-in request (repository call against the driver);
 * - the HTTP floor: a bare node:http server answering the list's paths from the same statements, its p95 and rate
 *   against the driver (no target: what an HTTP exchange alone costs on the machine, under every ratio below);
 * - p50/p95 of the list endpoint for the first page, a filtered page, a search and a sort on every column,
 *   against the page and total statements run through the driver as the endpoint runs them (side by side);
 * - requests per second with 10 requests in flight, against the driver's rate for the same statements;
 * each HTTP figure is measured in turns with its driver figure, so that both meet the same load;
 * - the export's wall time and the process's peak RSS growth while it streams.
 * Targets, PostgreSQL: list p95 ≤ 2.5 × driver and ≤ 50 ms, rate ≥ 0.6 × driver. Embedded: list p95 ≤ 50 ms.
 * Both: export ≤ 2 s with RSS growth ≤ 64 MB. Drops its database at the end (unless --keep); `-- --keep --reuse`
 * measures the database a --keep run left, without seeding it again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CustomerListQuery } from '@vmsp/contracts';
import { buildPortal } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { type Connection, openDatabase } from '../apps/server/src/db/connection.ts';
import { migrateDatabase } from '../apps/server/src/db/migrate.ts';
import { systemClock } from '../apps/server/src/lib/clock.ts';
import { hashPassword } from '../apps/server/src/lib/passwords.ts';
import { hashToken } from '../apps/server/src/lib/tokens.ts';
import { findSessionWithUser } from '../apps/server/src/modules/auth/sessions.repository.ts';
import { listQueries } from '../apps/server/src/modules/customers/customers.repository.ts';
import { seedCustomers } from '../apps/server/src/seed.ts';
import type { ClientAnswer, ClientRequest, ClientSetup, ClientWork } from './customers-client.ts';
import { benchDatabase } from './database.ts';

const COUNT = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const RUNS = 60;
/** A flag given after `npm run bench:customers --`. */
const flag = (name: string) => process.argv.includes(`--${name}`);
const embedded = flag('embedded');
const LIST_P95_MS = 50;
const DRIVER_RATIO = 2.5;
const RATE_RATIO = 0.6;
const IN_FLIGHT = 10;
const RATE_SECONDS = 4;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

const dataDir = embedded ? mkdtempSync(path.join(tmpdir(), 'vmsp-bench-customers-')) : null;
// --reuse: a database kept by an earlier run (--keep) with as many customers is measured as it is, unseeded.
const database = embedded
  ? null
  : await benchDatabase('vmsp_bench_customers', undefined, { reuse: flag('reuse') });
const config = loadConfig({
  ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir ?? '' }),
  APP_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
  LOG_LEVEL: 'silent',
  PORT: '0',
  HOST: '127.0.0.1',
  WORKERS: 'false',
  // The benchmark is one client sending thousands of requests a minute: measure the list, not the limit.
  RATE_LIMIT_SIGNED_IN_MAX: '100000000',
});
const connection = await openDatabase(config.database);
await migrateDatabase(connection);
const portal = await buildPortal(config, { connection, logger: false });
const seeded =
  database?.reused &&
  Number((await driverQuery(connection, 'select count(*) as n from customers', [])).rows[0]?.n) === COUNT;
if (seeded) {
  console.log(`PostgreSQL: ${COUNT.toLocaleString('en')} customers kept by an earlier run (--reuse)`);
} else {
  if (database?.reused) throw new Error(`The kept database has not ${COUNT} customers: run without --reuse.`);
  console.log(
    `${embedded ? 'Embedded (PGlite)' : 'PostgreSQL'}: seeding ${COUNT.toLocaleString('en')} customers…`,
  );
  await seedCustomers(portal, connection.db, systemClock, COUNT, (line) => console.log(line));
  await portal.services.users.create(connection.db, {
    email: 'bench@provider.test',
    role: 'admin',
    status: 'active',
    passwordHash: await hashPassword('bench password that is long enough'),
  });
}
await portal.app.listen({ port: 0, host: '127.0.0.1' });
const address = portal.app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const signIn = await fetch(`${base}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'bench@provider.test', password: 'bench password that is long enough' }),
});
const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const token = decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1));

/** One statement through the driver itself: the pool's own query, or PGlite's. */
function driverQuery(
  c: Connection,
  text: string,
  params: unknown[],
): Promise<{ rows: Record<string, unknown>[] }> {
  return c.kind === 'postgres' ? c.pool.query(text, params) : c.pglite.query(text, params);
}

/** The endpoint's two statements (page and total) as SQL text with their parameters. */
function statementsOf(search: string): { sql: string; params: unknown[] }[] {
  const query = CustomerListQuery.parse(Object.fromEntries(new URLSearchParams(search)));
  const q = listQueries(
    connection.db,
    query,
    { sort: query.sort, dir: query.dir },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return [q.rows.toSQL(), q.total.toSQL()];
}

/** The driver's round trip for the endpoint's statements, run side by side as the endpoint runs them. */
const driverRoundTrip = (statements: { sql: string; params: unknown[] }[]) =>
  Promise.all(statements.map((s) => driverQuery(connection, s.sql, s.params)));

/** A call's time: the milliseconds it answers itself (the HTTP client's own timing), else as timed here. */
async function timeOf(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  const measured = await run();
  return typeof measured === 'number' ? measured : performance.now() - started;
}

async function timeCalls(run: () => Promise<unknown>, runs = RUNS): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    const time = await timeOf(run);
    if (i >= 5) times.push(time);
  }
  return times;
}

/**
 * Times two calls taking turns, so that both meet the same load from the rest of the machine: timed one after
 * the other, a burst of other work lands on one side only and decides the ratio.
 */
async function timePairs(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  runs = RUNS,
): Promise<[number[], number[]]> {
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < runs + 5; i++) {
    for (const [side, run] of [a, b].entries()) {
      const time = await timeOf(run);
      if (i >= 5) times[side]?.push(time);
    }
  }
  return times;
}

/**
 * The HTTP client runs on a thread of its own (customers-client.ts), so that this thread serves only the portal
 * (and the driver's side of each comparison, on the portal's own pool), as in production, where the client is a
 * browser elsewhere. It times each GET itself, from sending the request to the end of the response.
 */
const client = new Worker(new URL('./customers-client.ts', import.meta.url), {
  workerData: { base, cookie, inFlight: IN_FLIGHT } satisfies ClientSetup,
});
client.unref();
const answers = new Map<number, { resolve(value: number): void; reject(err: Error): void }>();
let lastRequest = 0;
client.on('message', (answer: ClientAnswer) => {
  const waiting = answers.get(answer.id);
  answers.delete(answer.id);
  if ('error' in answer) waiting?.reject(new Error(answer.error));
  else waiting?.resolve(answer.value);
});
client.on('error', (err) => {
  for (const waiting of answers.values()) waiting.reject(err);
  answers.clear();
});
function ask(work: ClientWork): Promise<number> {
  const id = ++lastRequest;
  return new Promise((resolve, reject) => {
    answers.set(id, { resolve, reject });
    client.postMessage({ ...work, id } satisfies ClientRequest);
  });
}
/** An authenticated GET over a kept-alive connection, answering the milliseconds the client waited for it. */
const get = (pathAndQuery: string) => ask({ op: 'get', path: pathAndQuery });

/**
 * The rate of GETs of `paths` in turn from the client thread (of the portal, or of `server`), as `rate` takes
 * the driver's calls.
 */
const httpRate =
  (paths: string[], server?: string) =>
  async (seconds: number): Promise<number> =>
    (await ask({
      op: 'rate',
      paths,
      seconds,
      cursor: server ?? 'portal',
      ...(server ? { base: server } : {}),
    })) / seconds;

/**
 * Completed calls per second with `IN_FLIGHT` of them running at any moment, for `seconds`, taking the calls in
 * turn; `cursor` carries the turn over to the next measurement, so that every call gets its share.
 */
async function rate(
  calls: (() => Promise<unknown>)[],
  seconds = RATE_SECONDS,
  cursor = { next: 0 },
): Promise<number> {
  let done = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < until) {
        await calls[cursor.next++ % calls.length]?.();
        done++;
      }
    }),
  );
  return done / seconds;
}

/**
 * The rates of the portal's GETs (from the client thread) and of the driver's calls, RATE_SECONDS each,
 * measured in turns of half a second (see timePairs).
 */
async function ratePairs(
  a: (seconds: number) => Promise<number>,
  b: (() => Promise<unknown>)[],
): Promise<[number, number]> {
  const turns = RATE_SECONDS * 2;
  const cursorB = { next: 0 };
  let [sumA, sumB] = [0, 0];
  for (let turn = 0; turn < turns; turn++) {
    sumA += await a(0.5);
    sumB += await rate(b, 0.5, cursorB);
  }
  return [sumA / turns, sumB / turns];
}

const fmt = (ms: number) => ms.toFixed(2).padStart(8);
let failures = 0;

// The session lookup: the repository's prepared statement against its SQL through the driver.
const tokenHash = hashToken(token);
const sessionSql = `select "sessions"."token_hash", "sessions"."user_id", "sessions"."created_at", "sessions"."last_seen_at",
  "sessions"."expires_at", "sessions"."ip", "sessions"."user_agent", "users"."id", "users"."email", "users"."password_hash",
  "users"."role", "users"."status", "users"."locale", "users"."customer_id", "users"."created_at", "users"."updated_at",
  "customers"."locked", "customers"."status" from "sessions"
  inner join "users" on "users"."id" = "sessions"."user_id" left join "customers" on "customers"."id" = "users"."customer_id"
  where "sessions"."token_hash" = $1`;
const [lookup, lookupDriver] = await timePairs(
  () => findSessionWithUser(connection.db, tokenHash),
  () => driverQuery(connection, sessionSql, [tokenHash]),
  300,
);
const floor = await timeCalls(() => get('/api/session'));
console.log(
  `\nSession lookup (repository) p50 ${fmt(percentile(lookup, 50))} ms, p95 ${fmt(percentile(lookup, 95))} ms;` +
    ` through the driver p50 ${fmt(percentile(lookupDriver, 50))} ms, p95 ${fmt(percentile(lookupDriver, 95))} ms`,
);
console.log(
  `Floor: GET /api/session p50 ${fmt(percentile(floor, 50))} ms, p95 ${fmt(percentile(floor, 95))} ms`,
);

/** Each scenario: its name, the list's path, and the page and total statements the endpoint runs for it. */
const scenarios = (
  [
    ['first page', ''],
    ['filtered page', 'status=inactive&serviceMode=managed&paymentMethod=free&page=3'],
    ['search', 'q=nordlicht%201234'],
    ...CustomerListQuery.shape.sort
      .unwrap()
      .options.map((key) => [`sort ${key} desc`, `sort=${key}&dir=desc`] as [string, string]),
  ] as [string, string][]
).map(([name, search]) => ({ name, path: `/api/customers?${search}`, statements: statementsOf(search) }));
const listPaths = scenarios.map((s) => s.path);
/** The driver's side of the rates: every scenario's statements, in the scenarios' order. */
const driverCalls = scenarios.map(
  ({ statements }) =>
    () =>
      driverRoundTrip(statements),
);
const [firstPage] = scenarios;
if (!firstPage) throw new Error('no scenarios');

/**
 * What an HTTP exchange alone costs on this machine: a bare node:http server on this thread that answers each
 * scenario's path by running its two statements through the driver and sending their rows as JSON, without
 * framework, session, validation or serializer. Its ratios to the driver are the floor under the list's below:
 * p95 on the first page, the rate over every scenario as the list's rate is taken.
 */
/** A path as the server sees it: the client's URL parsing drops an empty query's `?`. */
const pathOf = (url: string) => {
  const { pathname, search } = new URL(url, 'http://bench');
  return pathname + search;
};
const bareStatements = new Map(scenarios.map((s) => [pathOf(s.path), s.statements]));
const bare = http.createServer((request, response) => {
  const statements = bareStatements.get(pathOf(request.url ?? ''));
  if (!statements) {
    response.statusCode = 404;
    response.end();
    return;
  }
  driverRoundTrip(statements).then(
    ([page, total]) => response.end(JSON.stringify({ items: page?.rows, total: total?.rows[0] })),
    (err: unknown) => {
      response.statusCode = 500;
      response.end(String(err));
    },
  );
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareAddress = bare.address();
const bareBase = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}`;
const [bareHttp, bareDriver] = await timePairs(
  () => ask({ op: 'get', path: firstPage.path, base: bareBase }),
  () => driverRoundTrip(firstPage.statements),
);
const [bareRate, bareDriverRate] = await ratePairs(httpRate(listPaths, bareBase), driverCalls);
bare.closeAllConnections();
bare.close();
console.log(
  `HTTP floor: bare node:http server, first page p50 ${fmt(percentile(bareHttp, 50))} ms,` +
    ` p95 ${fmt(percentile(bareHttp, 95))} ms; driver p95 ${fmt(percentile(bareDriver, 95))} ms;` +
    ` ratio ${(percentile(bareHttp, 95) / percentile(bareDriver, 95)).toFixed(2)};` +
    ` rate over every scenario with ${IN_FLIGHT} in flight ${bareRate.toFixed(0)}/s, driver ${bareDriverRate.toFixed(0)}/s,` +
    ` ratio ${(bareRate / bareDriverRate).toFixed(2)} (no target: what any HTTP server pays here)`,
);

console.log(
  `\nList endpoint, ${COUNT.toLocaleString('en')} customers, ${RUNS} requests each` +
    ` (targets: p95 ≤ ${LIST_P95_MS} ms${embedded ? '' : `; p95 ≤ ${DRIVER_RATIO} × driver`})`,
);
console.log(
  `scenario                      p50 ms   p95 ms  driver p95 ms   ratio   ≤ ${LIST_P95_MS} ms${embedded ? '' : `   ≤ ${DRIVER_RATIO} × driver`}`,
);
for (const { name, path, statements } of scenarios) {
  const [http, driver] = await timePairs(
    () => get(path),
    () => driverRoundTrip(statements),
  );
  const p95 = percentile(http, 95);
  const driverP95 = percentile(driver, 95);
  const ratio = p95 / driverP95;
  const fast = p95 <= LIST_P95_MS;
  const close = embedded || ratio <= DRIVER_RATIO;
  if (!fast || !close) failures++;
  console.log(
    `${name.padEnd(28)} ${fmt(percentile(http, 50))} ${fmt(p95)} ${fmt(driverP95).padStart(14)} ${ratio.toFixed(2).padStart(7)}   ${(fast ? 'yes' : 'NO').padEnd(9)}${embedded ? '' : `   ${close ? 'yes' : 'NO'}`}`,
  );
}

// Throughput with 10 requests in flight over every scenario, against the driver running the same statements.
const [listRate, driverRate] = await ratePairs(httpRate(listPaths), driverCalls);
const rateOk = embedded || listRate >= RATE_RATIO * driverRate;
if (!rateOk) failures++;
console.log(
  `\nRate with ${IN_FLIGHT} in flight: ${listRate.toFixed(0)} list requests/s, driver ${driverRate.toFixed(0)}/s,` +
    ` ratio ${(listRate / driverRate).toFixed(2)}${embedded ? ' (PGlite is one connection: no target)' : ` (target ≥ ${RATE_RATIO})   ${rateOk ? 'yes' : 'NO'}`}`,
);

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

client.postMessage('close');
await portal.close();
await connection.close();
await database?.drop();
if (dataDir && !flag('keep')) rmSync(dataDir, { recursive: true, force: true });
console.log(failures ? `\n${failures} target(s) missed.` : '\nAll targets met.');
process.exitCode = failures ? 1 : 0;

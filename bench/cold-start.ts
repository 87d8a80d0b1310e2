/**
 * Cold start and idle memory of the embedded portal (issue: "npm start" speed and memory).
 *
 *   npm run bench:cold-start [-- --runs 3]
 *
 * Each run, in turn, as separate processes on fresh data folders:
 * - baseline: `PGlite.create(dir)` and one query, timed from spawning Node until the query has answered;
 * - server: `node apps/server/src/main.ts start` (what `npm start` runs once the web app is built), timed from
 *   spawning until `/readyz` answers 200; then its resident memory once idle, and the same again after a
 *   restart on the now existing data folder (what a running install needs from then on).
 * Prints the medians: cold start ≤ 1.3 × the baseline is the target. The memory figures are what README states.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const TARGET_RATIO = 1.3;
/** How long the server is left alone after it is ready before its memory is read. */
const SETTLE_MS = 5_000;
const repoRoot = path.resolve(import.meta.dirname, '..');

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Math.max(1, Number(values.runs));

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident and peak resident memory of a process, in MB (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far (Linux), the fair measure on a busy machine. */
function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

const BASELINE = `
import { PGlite } from '@electric-sql/pglite';
const db = await PGlite.create(process.argv[1]);
await db.query('select 1');
const cpu = process.cpuUsage();
process.stdout.write('ready ' + (cpu.user + cpu.system) / 1e6 + '\\n');
await db.close();
`;

interface Timing {
  /** From spawning Node until ready. */
  ms: number;
  /** CPU seconds the process had used by then. */
  cpu: number;
}

/** From spawning Node until a plain PGlite has created its database and answered a query. */
async function baseline(dataDir: string): Promise<Timing> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', BASELINE, dataDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<Timing>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const cpu = chunk.toString().match(/ready (\S+)/)?.[1];
      if (cpu) resolve({ ms: performance.now() - started, cpu: Number(cpu) });
    });
    child.once('exit', (code) => reject(new Error(`the PGlite baseline ended with ${code}`)));
  });
  await exited(child);
  return ready;
}

interface ServerRun extends Timing {
  idleRssMb: number;
  peakRssMb: number;
}

/** Starts the portal on the data folder, waits for /readyz, reads its memory once idle, stops it. */
async function server(dataDir: string): Promise<ServerRun> {
  const port = await freePort();
  const { DATABASE_URL: _embedded, ...env } = process.env;
  const started = performance.now();
  const child = spawn(process.execPath, ['apps/server/src/main.ts', 'start'], {
    cwd: repoRoot,
    env: { ...env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let failed: number | null | undefined;
  child.once('exit', (code) => {
    failed = code;
  });
  let ready: Timing | undefined;
  while (!ready) {
    if (failed !== undefined) throw new Error(`the portal ended with ${failed} before it was ready`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ok) ready = { ms: performance.now() - started, cpu: child.pid ? cpuOf(child.pid) : Number.NaN };
    else await sleep(20);
  }
  await sleep(SETTLE_MS);
  const memory = child.pid ? memoryOf(child.pid) : null;
  child.kill('SIGTERM');
  await exited(child);
  return { ...ready, idleRssMb: memory?.rss ?? Number.NaN, peakRssMb: memory?.peak ?? Number.NaN };
}

const baselines: Timing[] = [];
const colds: ServerRun[] = [];
const restarts: ServerRun[] = [];
const timing = (t: Timing) => `${seconds(t.ms)} (${t.cpu.toFixed(1)} s CPU)`;
for (let run = 1; run <= runs; run++) {
  const base = mkdtempSync(path.join(tmpdir(), 'vmsp-bench-cold-'));
  try {
    const pglite = await baseline(path.join(base, 'pglite'));
    baselines.push(pglite);
    const dataDir = path.join(base, 'data');
    const cold = await server(dataDir);
    colds.push(cold);
    const restart = await server(dataDir);
    restarts.push(restart);
    console.log(
      `run ${run}/${runs}: PGlite ${timing(pglite)}, portal cold ${timing(cold)}, idle ${cold.idleRssMb.toFixed(0)} MB; ` +
        `restart ${timing(restart)}, idle ${restart.idleRssMb.toFixed(0)} MB`,
    );
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

const verdict = (ratio: number) =>
  `${ratio.toFixed(2)} ×   target ≤ ${TARGET_RATIO} × ${ratio <= TARGET_RATIO ? 'ok' : 'MISSED'}`;
const wall = median(colds.map((r) => r.ms)) / median(baselines.map((r) => r.ms));
const cpu = median(colds.map((r) => r.cpu)) / median(baselines.map((r) => r.cpu));
const mb = (runs: ServerRun[], key: 'idleRssMb' | 'peakRssMb') =>
  `${median(runs.map((r) => r[key])).toFixed(0)} MB`;
console.log(`\nMedians of ${runs} run(s)                    time      CPU`);
console.log(
  `PGlite.create + one query (baseline)     ${seconds(median(baselines.map((r) => r.ms)))}  ${median(baselines.map((r) => r.cpu)).toFixed(1)} s`,
);
console.log(
  `portal cold start until /readyz          ${seconds(median(colds.map((r) => r.ms)))}  ${median(colds.map((r) => r.cpu)).toFixed(1)} s`,
);
console.log(`  cold start / baseline, time            ${verdict(wall)}`);
console.log(`  cold start / baseline, CPU             ${verdict(cpu)}   (the fair figure on a busy machine)`);
console.log(
  `portal restart until /readyz             ${seconds(median(restarts.map((r) => r.ms)))}  ${median(restarts.map((r) => r.cpu)).toFixed(1)} s`,
);
console.log(
  `idle memory (RSS) after a cold start     ${mb(colds, 'idleRssMb')} (peak ${mb(colds, 'peakRssMb')})`,
);
console.log(
  `idle memory (RSS) after a restart        ${mb(restarts, 'idleRssMb')} (peak ${mb(restarts, 'peakRssMb')})`,
);

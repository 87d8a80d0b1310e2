/**
 * Benchmark of the mail outbox: 1,000 queued mails reach a local SMTP server in ≤ 20 s, each exactly once.
 *
 *   npm run bench:mail                  (embedded PGlite in a temporary folder)
 *   BENCH_DATABASE_URL=postgres://… npm run bench:mail -- --pg
 *
 * Queues the mails while no worker runs (as after a restart with a full outbox), then starts the job workers
 * and times until the SMTP server (a real smtp-server in this process) has received every mail and the
 * Mail Log shows every one as sent. Checks exactly-once: 1,000 distinct recipients, and no mail twice.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { buildPortal } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase, queryRows } from '../apps/server/src/db/connection.ts';
import { migrateDatabase } from '../apps/server/src/db/migrate.ts';
import { startSmtpServer } from '../apps/server/src/test/smtp-server.ts';
import { benchDatabase } from './database.ts';

const COUNT = Number(process.env.BENCH_MAILS ?? 1_000);
const TARGET_SECONDS = 20;
const onPostgres = process.argv.includes('--pg') || process.env.BENCH_DATABASE_URL !== undefined;

const dataDir = onPostgres ? null : await mkdtemp(path.join(tmpdir(), 'vmsp-bench-mail-'));
const database = onPostgres ? await benchDatabase('vmsp_bench_mail') : null;
const config = loadConfig({
  ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir ?? '' }),
  APP_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
  LOG_LEVEL: 'silent',
});
const smtp = await startSmtpServer();
const connection = await openDatabase(config.database);
await migrateDatabase(connection);
const log = (line: string) => console.log(line);

// The outbox fills while no worker runs.
const filling = await buildPortal(config, { connection, logger: false });
await filling.startJobs({ work: false });
await filling.services.mail.saveSettings(
  { id: randomUUID(), email: 'bench@vmsp.local' },
  {
    transport: 'smtp',
    host: '127.0.0.1',
    port: smtp.port,
    encryption: 'none',
    fromAddress: 'portal@vmsp.local',
  },
);
for (let i = 0; i < COUNT; i += 100) {
  await connection.db.transaction(async (tx) => {
    for (let j = i; j < Math.min(COUNT, i + 100); j++) {
      await filling.services.mail.enqueue(tx, {
        to: `reader-${j}@bench.test`,
        locale: 'en',
        template: 'test',
        params: {},
      });
    }
  });
}
await filling.close();
log(`${COUNT} mails queued on ${onPostgres ? 'PostgreSQL' : 'PGlite (embedded)'}.`);

// A restart: the workers start with a full outbox.
const portal = await buildPortal(config, { connection, logger: false });
const started = performance.now();
const cpuBefore = process.cpuUsage();
await portal.startJobs({ work: true });
await smtp.waitFor(COUNT, 300_000);
const receivedSeconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const countSent = async () =>
  (
    await queryRows<{ n: number }>(
      connection.db,
      sql`select count(*)::int as n from mails where status = 'sent'`,
    )
  )[0]?.n ?? 0;
while ((await countSent()) < COUNT) await new Promise((r) => setTimeout(r, 50));
const sentSeconds = (performance.now() - started) / 1000;
// Exactly once: every delivery job has ended (a duplicate would still be able to send), then count.
const unfinishedJobs = async () =>
  (
    await queryRows<{ n: number }>(
      connection.db,
      sql`select count(*)::int as n from pgboss.job where name = 'mail.deliver' and state not in ('completed', 'failed', 'cancelled')`,
    )
  )[0]?.n ?? 0;
while ((await unfinishedJobs()) > 0) await new Promise((r) => setTimeout(r, 50));
const recipients = new Set(smtp.messages.flatMap((m) => m.to));

const ok = receivedSeconds <= TARGET_SECONDS;
log(
  `delivered ${COUNT} mails in ${receivedSeconds.toFixed(1)} s (${(COUNT / receivedSeconds).toFixed(0)} mails/s; ` +
    `all marked sent after ${sentSeconds.toFixed(1)} s; ${cpuSeconds.toFixed(1)} s of CPU in this process, ` +
    `SMTP server included)   target ≤ ${TARGET_SECONDS} s   ${ok ? 'OK' : 'MISSED'}`,
);
const exactlyOnce = smtp.messages.length === COUNT && recipients.size === COUNT;
log(
  `received ${smtp.messages.length} mails for ${recipients.size} distinct recipients   ` +
    `target ${COUNT} and ${COUNT}   ${exactlyOnce ? 'OK' : 'MISSED'}`,
);

await portal.close();
await connection.close();
await smtp.stop();
await database?.drop();
if (dataDir) await rm(dataDir, { recursive: true, force: true });
process.exitCode = ok && exactlyOnce ? 0 : 1;

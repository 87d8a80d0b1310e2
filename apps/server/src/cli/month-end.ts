import { parseArgs } from 'node:util';
import { buildPortal } from '../app.ts';
import type { Config } from '../config.ts';
import { type Clock, systemClock } from '../lib/clock.ts';
import { openMigrated } from './database.ts';
import { CliError, type CliIo } from './io.ts';

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/i;

const instantHelp =
  'an ISO 8601 instant with a time zone, e.g. 2026-04-01T00:00:00Z or 2026-04-01T02:00+02:00';

/**
 * An ISO 8601 date and time with its offset. A date alone, a time without a zone (whose instant would depend
 * on the machine) and impossible dates (February 30th, 24:00) are refused rather than rolled over.
 */
function parseInstant(text: string): Date {
  const m = INSTANT.exec(text.trim());
  const [year, month, day, hour, minute, second] = (m?.slice(1, 7) ?? []).map((part) => Number(part ?? 0));
  const fields = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second));
  const at = new Date(text.trim());
  if (
    !m ||
    Number.isNaN(at.getTime()) ||
    fields.getUTCFullYear() !== year ||
    fields.getUTCMonth() + 1 !== month ||
    fields.getUTCDate() !== day ||
    fields.getUTCHours() !== hour ||
    fields.getUTCMinutes() !== minute ||
    fields.getUTCSeconds() !== second
  ) {
    throw new CliError(`--at: "${text}" is not ${instantHelp}.`);
  }
  return at;
}

/**
 * `vmsp month-end [--at <instant>]`: the work of the `subscriptions.month-end` job, as of that instant (default
 * now), for an operator catching up and for tests. It is the job's own service method, so it is safe beside
 * running portals on PostgreSQL (each batch takes its rows with FOR UPDATE SKIP LOCKED, a change is deleted in
 * the transaction that applies it) and after a crash halfway (the next run applies what is left). On the
 * embedded database the data folder lock makes it wait for no one: it refuses to run while the portal runs.
 */
export async function monthEndCommand(
  config: Config,
  args: string[],
  io: CliIo,
  clock: Clock = systemClock,
): Promise<void> {
  const { values } = parseArgs({ args, options: { at: { type: 'string' } } });
  const now = clock.now();
  const at = values.at === undefined ? now : parseInstant(values.at);
  if (at.getTime() > now.getTime()) {
    // Applied early, a change would start a period that has not begun: it cannot be taken back.
    throw new CliError(
      `--at: ${at.toISOString()} is in the future. The month end applies what is due by an instant that has passed.`,
    );
  }
  const db = await openMigrated(config);
  try {
    const portal = await buildPortal(config, {
      connection: db.connection,
      clock: { now: () => new Date(at) },
      logger: false,
    });
    try {
      // Term-end reminders are mails: queued here, delivered by a running portal's workers.
      await portal.startJobs({ work: false });
      const done = await portal.services.monthEnd.run();
      io.out(
        `Month end as of ${at.toISOString()}: ${done.applied} due changes applied, ` +
          `${done.repriced} subscriptions moved to a new price version, ${done.expired} fixed terms ended, ` +
          `${done.reminded} term-end reminders queued.`,
      );
    } finally {
      await portal.close();
    }
  } finally {
    await db.close();
  }
}

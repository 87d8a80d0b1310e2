import { buildPortal } from '../app.ts';
import type { Config } from '../config.ts';
import { type Clock, systemClock } from '../lib/clock.ts';
import { openMigrated } from './database.ts';
import type { CliIo } from './io.ts';

/**
 * `vmsp stats rebuild`: counts the dashboard's monthly aggregates of every closed billing month again from the
 * subscription history (MonthlyFiguresService.rebuild), e.g. after a restore or a correction made in SQL. The
 * month end keeps them by itself; this replaces them in one transaction, so a running portal's dashboard reads
 * either the old or the new figures.
 */
export async function statsRebuild(
  config: Config,
  _args: string[],
  io: CliIo,
  clock: Clock = systemClock,
): Promise<void> {
  const db = await openMigrated(config);
  try {
    const portal = await buildPortal(config, { connection: db.connection, clock, logger: false });
    try {
      const { months } = await portal.services.monthlyFigures.rebuild();
      io.out(
        months.length
          ? `Monthly figures rebuilt for ${months.length} closed billing months, ${months[0]} to ${months.at(-1)}.`
          : 'No closed billing month with subscriptions: nothing to rebuild.',
      );
    } finally {
      await portal.close();
    }
  } finally {
    await db.close();
  }
}

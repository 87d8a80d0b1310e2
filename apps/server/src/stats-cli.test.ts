import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildPortal } from './app.ts';
import { openMigrated } from './cli/database.ts';
import { runCli } from './cli/run.ts';
import { statsRebuild } from './cli/stats.ts';
import { loadConfig } from './config.ts';
import { queryRows } from './db/connection.ts';
import { customers, subscriptions } from './db/schema.ts';
import { ManualClock } from './lib/clock.ts';
import { bufferedIo, envWithout, spawnVmsp } from './test/cli.ts';

describe('vmsp stats rebuild on the embedded database', { timeout: 300_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vmsp-stats-'));
  const env = { ...envWithout('DATABASE_URL', 'APP_SECRET'), DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const config = loadConfig(env);
  const figures = async () => {
    const db = await openMigrated(config);
    try {
      return await queryRows<{ month: string; ips: number; revenue: number }>(
        db.connection.db,
        sql`select month, (ips_internal + ips_external)::int as ips, revenue_minor::int as revenue
            from monthly_figures order by month`,
      );
    } finally {
      await db.close();
    }
  };

  it('counts every closed month from the periods again and replaces what was kept', async () => {
    // One customer with 30 IPs from mid-January 2026 to mid-March, then 50; a wrong figure kept for February.
    const opened = await openMigrated(config);
    try {
      const portal = await buildPortal(config, { connection: opened.connection, logger: false });
      const db = opened.connection.db;
      const [c] = await db
        .insert(customers)
        .values({
          companyName: 'Stats GmbH',
          street: 'Hauptstraße 1',
          postalCode: '10115',
          city: 'Berlin',
          country: 'DE',
          contactName: 'Erika Mustermann',
          contactEmail: 'main@stats.test',
          serviceMode: 'managed',
          status: 'active',
          createdAt: new Date('2026-01-01T00:00:00Z'),
          updatedAt: new Date('2026-01-01T00:00:00Z'),
        })
        .returning({ id: customers.id });
      const period = { customerId: c?.id as string, paymentMethod: 'invoice' as const, currency: 'EUR' };
      await db.insert(subscriptions).values([
        {
          ...period,
          ipsInternal: 20,
          ipsExternal: 10,
          monthlyPriceMinor: 6_000,
          startedAt: new Date('2026-01-15T00:00:00Z'),
          endedAt: new Date('2026-03-15T00:00:00Z'),
        },
        {
          ...period,
          ipsInternal: 50,
          ipsExternal: 0,
          monthlyPriceMinor: 9_000,
          startedAt: new Date('2026-03-15T00:00:00Z'),
        },
      ]);
      await db.execute(
        sql`insert into monthly_figures values ('2026-02', 1, 1, 1, 1, 1, 1, 1, 1, null, null, now())`,
      );
      await portal.close();
    } finally {
      await opened.close();
    }

    const io = bufferedIo();
    await statsRebuild(config, [], io, new ManualClock('2026-04-10T10:00:00Z'));
    expect(io.stdout()).toBe('Monthly figures rebuilt for 3 closed billing months, 2026-01 to 2026-03.\n');
    expect(await figures()).toEqual([
      { month: '2026-01', ips: 30, revenue: 6_000 },
      { month: '2026-02', ips: 30, revenue: 6_000 },
      { month: '2026-03', ips: 50, revenue: 9_000 },
    ]);

    // `stats` without `rebuild` is not a command.
    const unknown = bufferedIo();
    expect(await runCli(['stats'], unknown, env)).toBe(2);
    expect(unknown.stderr()).toContain('stats rebuild');
  });

  it('runs as `vmsp stats rebuild` from the command line', async () => {
    const { code, stdout, stderr } = await spawnVmsp(['stats', 'rebuild'], env);
    expect(stderr).toBe('');
    // Now is later than the test's clock above: every month from January to the last one that ended.
    expect(stdout).toMatch(
      /^Monthly figures rebuilt for \d+ closed billing months, 2026-01 to \d{4}-\d{2}\.\n$/,
    );
    expect(code).toBe(0);
  });
});

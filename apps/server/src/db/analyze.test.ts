import { nextBillingMonthStart } from '@vmsp/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceOf } from '../modules/prices/prices.service.ts';
import { seedCustomers } from '../seed.ts';
import { createTestPortal, type TestPortal } from '../test/harness.ts';
import { analyzeAfterChange, analyzeJobs, DAILY_ANALYZE_JOB } from './analyze.ts';
import { queryRows } from './connection.ts';

let portal: TestPortal;

beforeAll(async () => {
  portal = await createTestPortal();
});
afterAll(() => portal.dispose());

/** The planner's row estimate of a table: -1 until ANALYZE (or VACUUM) has looked at it. */
async function reltuples(table: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    portal.connection.db,
    sql`select reltuples::float8 as n from pg_class where oid = to_regclass(${table})`,
  );
  if (!row) throw new Error(`no table ${table}`);
  return Number(row.n);
}

describe('statistics', () => {
  it('exist for every table of the portal once it is migrated', async () => {
    const unanalyzed = await queryRows<{ relname: string }>(
      portal.connection.db,
      sql`select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'
          and reltuples < 0`,
    );
    expect(unanalyzed).toEqual([]);
    const [customers] = await queryRows<{ last_analyze: Date | null }>(
      portal.connection.db,
      sql`select last_analyze from pg_stat_user_tables where relname = 'customers'`,
    );
    expect(customers?.last_analyze).not.toBeNull();
  });

  it('follow a bulk seed', async () => {
    await seedCustomers(portal, portal.connection.db, portal.clock, 60, () => {});
    expect(await reltuples('customers')).toBe(60);
    expect(await reltuples('users')).toBeGreaterThanOrEqual(60);
    expect(await reltuples('subscriptions')).toBeGreaterThan(0);
  });

  // On a PostgreSQL server autovacuum follows a month end; the embedded database has none.
  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))(
    'follow a month end on the embedded database that changed more rows than the threshold, and only such a one',
    async () => {
      const { monthEnd, prices } = portal.services;
      const db = portal.connection.db;
      const table = await prices.latest(db);
      const now = portal.clock.now();
      await db.execute(sql`
      insert into subscriptions (customer_id, ips_internal, ips_external, payment_method, price_version,
                                 monthly_price_minor, currency, started_at)
      select c.id, 6, 4, 'invoice', ${table.version}, ${priceOf(table, 10).totalMinor}, ${table.currency},
             ${now.toISOString()}::timestamptz
      from customers c
      where not exists (select 1 from subscriptions s where s.customer_id = c.id and s.ended_at is null)`);
      await db.execute(sql`analyze subscriptions`);
      const due = nextBillingMonthStart(now, portal.config.billingTimeZone);
      /** Every running subscription gets a downgrade due at `due`; returns how many. */
      const scheduleDowngrades = async () => {
        await db.execute(sql`
        insert into pending_subscription_changes (customer_id, kind, ips_internal, ips_external, price_version,
                                                  monthly_price_minor, currency, effective_at, created_at)
        select customer_id, 'downgrade', 1, 0, ${table.version}, ${priceOf(table, 1).totalMinor}, currency,
               ${due.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
        from subscriptions where ended_at is null`);
        const [row] = await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from pending_subscription_changes`,
        );
        return Number(row?.n);
      };
      portal.clock.set(new Date(due.getTime() + 60_000));

      const before = await reltuples('subscriptions');
      const first = await scheduleDowngrades();
      const small = await monthEnd.run({ analyzeAbove: first + 10 });
      expect(small.applied).toBe(first);
      // Each applied change ended a period and started one: twice the rows, but below the threshold.
      expect(await reltuples('subscriptions')).toBe(before);

      const second = await scheduleDowngrades();
      const large = await monthEnd.run({ analyzeAbove: second - 1 });
      expect(large.applied).toBe(second);
      const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from subscriptions`);
      expect(await reltuples('subscriptions')).toBe(Number(count?.n));
      expect(Number(count?.n)).toBe(before + first + second);
    },
  );

  it('are refreshed above the threshold only', async () => {
    const db = portal.connection.db;
    await db.execute(sql`insert into billing_records (customer_id, company_name, period_start, period_end,
        ips_internal, ips_external, payment_method, monthly_price_minor, currency, created_at)
      select gen_random_uuid(), 'X', now(), now(), 1, 0, 'invoice', 100, 'EUR', now()
      from generate_series(1, 5)`);
    const before = await reltuples('billing_records');
    expect(await analyzeAfterChange(db, 5, ['billing_records'], 5)).toBe(false);
    expect(await reltuples('billing_records')).toBe(before);
    expect(await analyzeAfterChange(db, 6, ['billing_records'], 5)).toBe(true);
    expect(await reltuples('billing_records')).toBe(before + 5);
  });

  it('are refreshed daily by a job on the embedded database, which has no autovacuum', async () => {
    const jobs = analyzeJobs(portal.connection);
    if (portal.connection.kind !== 'pglite') {
      expect(jobs).toEqual([]);
      return;
    }
    const [job] = jobs;
    expect(job).toMatchObject({ name: DAILY_ANALYZE_JOB.name, schedule: { cron: '40 3 * * *' } });
    const db = portal.connection.db;
    const before = await reltuples('billing_records');
    await db.execute(sql`insert into billing_records (customer_id, company_name, period_start, period_end,
        ips_internal, ips_external, payment_method, monthly_price_minor, currency, created_at)
      select gen_random_uuid(), 'Y', now(), now(), 1, 0, 'invoice', 100, 'EUR', now()
      from generate_series(1, 3)`);
    await job?.handle({}, undefined as never);
    expect(await reltuples('billing_records')).toBe(before + 3);
  });
});

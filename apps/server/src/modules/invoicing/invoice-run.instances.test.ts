import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal, type Portal } from '../../app.ts';
import { openDatabase, queryRows } from '../../db/connection.ts';
import { createTestPortal, type TestPortal } from '../../test/harness.ts';
import { COMPLETE_COMPANY } from './company-settings.fixtures.ts';

const CUSTOMERS = 60;
const MONTHS = ['2026-08', '2026-09', '2026-10'];

/**
 * Month-end runs at the same moment on two instances behind one PostgreSQL database (a run per minute on each,
 * an operator's `vmsp month-end`, a retry): whatever runs at once, each customer's month is invoiced once and
 * the numbers run from 1 without a gap or a duplicate.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('the invoice run on two instances', () => {
  let a: TestPortal;
  let b: Portal;
  let closeB: () => Promise<void>;

  beforeAll(async () => {
    a = await createTestPortal();
    const connectionB = await openDatabase(a.config.database);
    b = await buildPortal(a.config, { connection: connectionB, clock: a.clock, logger: false });
    await b.startJobs({ work: false });
    closeB = async () => {
      await b.close();
      await connectionB.close();
    };
    const db = a.connection.db;
    const actor = { id: crypto.randomUUID(), email: 'admin@provider.test' };
    a.clock.set('2026-07-20T10:00:00Z');
    await a.services.prices.save(actor, {
      currency: 'EUR',
      basedOnVersion: null,
      ranges: [{ from: 1, to: 500, articleName: 'Scan', articleNumber: 'IP', unitPrice: '1.00' }],
    });
    await a.services.companySettings.save(actor, COMPLETE_COMPANY);
    // Customers paying by invoice since 1 August (Berlin), one with a change every month.
    await db.execute(sql`
      insert into customers (company_name, street, postal_code, city, country, contact_name, contact_email,
        service_mode, status, payment_method, created_at, updated_at)
      select 'Customer ' || n, 'Straße ' || n, '10115', 'Berlin', 'DE', 'Contact', 'c' || n || '@customer.test',
        'managed', 'active', 'invoice', now(), now()
      from generate_series(1, ${CUSTOMERS}) n`);
    await db.execute(sql`
      insert into subscriptions (customer_id, ips_internal, ips_external, payment_method, price_version,
        monthly_price_minor, currency, started_at)
      select id, 10, 0, 'invoice', 1, 1000, 'EUR', '2026-07-31T22:00:00Z' from customers`);
  });
  afterAll(async () => {
    await closeB?.();
    await a?.dispose();
  });

  it('20 concurrent month ends issue every invoice once, numbered without a gap', async () => {
    a.clock.set('2026-11-01T00:05:00+01:00');
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).services.monthEnd.run()),
    );
    const expected = CUSTOMERS * MONTHS.length;
    expect(runs.reduce((sum, r) => sum + r.invoiced, 0)).toBe(expected);

    const rows = await queryRows<{ number: string; customer_id: string; billing_month: string }>(
      a.connection.db,
      sql`select number, customer_id, billing_month from invoices`,
    );
    expect(rows).toHaveLength(expected);
    const seqs = rows.map((r) => Number(r.number.replace('RE-2026-', ''))).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => `${r.customer_id} ${r.billing_month}`)).size).toBe(expected);
    expect([...new Set(rows.map((r) => r.billing_month))].sort()).toEqual(MONTHS);
    const [counter] = await queryRows<{ last_seq: number }>(
      a.connection.db,
      sql`select last_seq from invoice_number_counters where year = 2026`,
    );
    expect(counter?.last_seq).toBe(expected);
    // Numbers follow the months: a catch-up issues the older month first.
    const byMonth = (m: string) =>
      rows.filter((r) => r.billing_month === m).map((r) => Number(r.number.replace('RE-2026-', '')));
    expect(Math.max(...byMonth('2026-08'))).toBeLessThan(Math.min(...byMonth('2026-09')));
    expect(Math.max(...byMonth('2026-09'))).toBeLessThan(Math.min(...byMonth('2026-10')));

    const again = await Promise.all([a.services.monthEnd.run(), b.services.monthEnd.run()]);
    expect(again.map((r) => r.invoiced)).toEqual([0, 0]);
  });
});

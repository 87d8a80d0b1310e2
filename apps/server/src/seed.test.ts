import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from './db/connection.ts';
import { seedCustomers, seedDemo } from './seed.ts';
import { createTestPortal, type TestPortal } from './test/harness.ts';

let portal: TestPortal;
beforeAll(async () => {
  portal = await createTestPortal();
});
afterAll(() => portal.dispose());

it('seeds customers whose list columns agree with their running subscriptions', async () => {
  await seedCustomers(portal, portal.connection.db, portal.clock, 300, () => {});
  const db = portal.connection.db;
  const [counts] = await queryRows<{ customers: number; running: number }>(
    db,
    sql`select (select count(*)::int from customers) as customers,
               (select count(*)::int from subscriptions where ended_at is null) as running`,
  );
  expect(counts?.customers).toBe(300);
  expect(counts?.running).toBeGreaterThan(100);
  const mismatched = await queryRows(
    db,
    sql`select c.id from customers c
        left join subscriptions s on s.customer_id = c.id and s.ended_at is null
        where c.ips_internal <> coalesce(s.ips_internal, 0)
           or c.ips_external <> coalesce(s.ips_external, 0)
           or c.payment_method <> coalesce(s.payment_method, 'free')
           or c.monthly_price_minor is distinct from s.monthly_price_minor
           or (c.status = 'active') <> (s.id is not null and not c.locked and c.registered_at is not null)`,
  );
  expect(mismatched).toEqual([]);
});

it('seeds the demo through the services: customers in every status, subscriptions, a pending change', async () => {
  // A dozen customers take every status and mode; `vmsp seed --demo` makes three times as many alike.
  await seedDemo(portal, portal.connection.db, () => {}, 12);
  const [facts] = await queryRows<{ statuses: string[]; pending: number }>(
    portal.connection.db,
    sql`select array_agg(distinct status order by status) as statuses,
               (select count(*)::int from pending_subscription_changes) as pending
        from customers where contact_email like '%.example' and contact_email not like 'contact%'`,
  );
  expect(facts?.statuses).toEqual(['active', 'inactive', 'invited', 'locked']);
  expect(facts?.pending).toBeGreaterThan(0);
});

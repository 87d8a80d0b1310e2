import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import { createTestPortal, type TestPortal } from '../../test/harness.ts';
import { insertCustomers } from '../customers/customers.repository.ts';
import { MONTH_END_JOB } from './subscriptions.jobs.ts';

let portal: TestPortal;
const system = { id: '00000000-0000-4000-8000-000000000001', email: 'system@provider.test' };

beforeAll(async () => {
  portal = await createTestPortal({ jobs: true });
});
afterAll(() => portal.dispose());

it('is scheduled every minute, once for all instances', async () => {
  const schedules = await portal.jobs.boss.getSchedules(MONTH_END_JOB.name);
  expect(schedules).toMatchObject([{ name: MONTH_END_JOB.name, cron: '* * * * *' }]);
});

it('applies a due change when the queued job runs, and a second run changes nothing', async () => {
  const { details, ipDistribution, prices } = portal.services;
  portal.clock.set('2026-03-20T12:00:00Z');
  await prices.save(system, {
    currency: 'EUR',
    ranges: [{ from: 1, to: 100, articleName: 'Scan', articleNumber: 'S-1', unitPrice: '2.00' }],
    basedOnVersion: null,
  });
  const now = portal.clock.now();
  const [customer] = await insertCustomers(portal.connection.db, [
    {
      companyName: 'Queue GmbH',
      street: 'Weg 1',
      postalCode: '10115',
      city: 'Berlin',
      country: 'DE',
      contactName: 'Q',
      contactEmail: 'q@queue.test',
      serviceMode: 'managed',
      status: 'inactive',
      registeredAt: now,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  if (!customer) throw new Error('no customer');
  const started = await ipDistribution.distributeIps(system, customer.id, {
    total: 40,
    internal: 40,
    external: 0,
    instant: true,
    version: customer.version,
  });
  const scheduled = await ipDistribution.distributeIps(system, customer.id, {
    total: 10,
    internal: 5,
    external: 5,
    instant: true,
    version: started.customer.version,
  });
  expect(scheduled).toMatchObject({ applied: false, effectiveAt: '2026-03-31T22:00:00.000Z' });

  portal.clock.set('2026-04-01T00:00:00Z');
  const runJob = async () => {
    const jobId = await portal.jobs.send(MONTH_END_JOB, {});
    if (!jobId) throw new Error('job not queued');
    await expect
      .poll(async () => (await portal.jobs.boss.getJobById(MONTH_END_JOB.name, jobId))?.state, {
        timeout: 15_000,
      })
      .toBe('completed');
  };
  await runJob();
  expect((await details.details(customer.id)).subscriptions).toMatchObject({
    current: { ipsInternal: 5, ipsExternal: 5, startedAt: '2026-03-31T22:00:00.000Z' },
    pending: null,
  });
  await runJob();
  const periods = await queryRows<{ n: number }>(
    portal.connection.db,
    sql`select count(*)::int as n from subscriptions where customer_id = ${customer.id}`,
  );
  expect(periods).toEqual([{ n: 2 }]);
});

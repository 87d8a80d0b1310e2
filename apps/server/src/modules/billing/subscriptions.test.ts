import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayParam } from '../../db/array-param.ts';
import { queryRows } from '../../db/connection.ts';
import {
  createAdmin,
  createTestPortal,
  invitedCustomer,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';

let portal: TestPortal;
let admin: string;

/** The spec's example table: 1–50 at 2.00, 51–250 at 1.50, 251–500 at 1.00. */
const specTable = {
  currency: 'EUR',
  ranges: [
    { from: 1, to: 50, articleName: 'Scan S', articleNumber: 'IP-S', unitPrice: '2.00' },
    { from: 51, to: 250, articleName: 'Scan M', articleNumber: 'IP-M', unitPrice: '1,50' },
    { from: 251, to: 500, articleName: 'Scan L', articleNumber: 'IP-L', unitPrice: '1' },
  ],
};

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, cookie = admin) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

/** Moves the clock and signs in again: sessions expire when idle, and a month passes in these tests. */
async function at(instant: string): Promise<void> {
  portal.clock.set(instant);
  admin = await signIn(portal, 'admin@provider.test');
}

let customerNo = 0;
/** A customer whose contact has registered, so that a subscription makes it `active`. */
async function registeredCustomer(serviceMode: 'managed' | 'self-service' = 'managed') {
  customerNo += 1;
  return invitedCustomer(portal, admin, {
    companyName: `Customer ${customerNo} GmbH`,
    contactEmail: `contact${customerNo}@customer.test`,
    serviceMode,
  });
}

const details = async (id: string) => (await api('GET', `/api/customers/${id}`)).json();
const rowOf = async (id: string) =>
  (await api('GET', '/api/customers?pageSize=200')).json().items.find((r: { id: string }) => r.id === id);

async function distribute(
  id: string,
  numbers: { total: number; internal: number; external: number; instant?: boolean },
) {
  const { version } = await details(id);
  return api('PUT', `/api/customers/${id}/ip-distribution`, { ...numbers, version });
}

const periodCount = async (customerId: string) =>
  (
    await queryRows<{ n: number }>(
      portal.connection.db,
      sql`select count(*)::int as n from subscriptions where customer_id = ${customerId}`,
    )
  )[0]?.n;

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  await at('2026-01-10T09:00:00Z');
  await api('PUT', '/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' });
  await api('PUT', '/api/settings/self-service', { registrationEnabled: true });
});
afterAll(() => portal.dispose());

describe('the price table (R-4.1)', () => {
  it('cannot distribute IPs before a table exists', async () => {
    const c = await registeredCustomer();
    const res = await distribute(c.id, { total: 10, internal: 10, external: 0 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('PRICE_TABLE_MISSING');
  });

  it('refuses bad tables with the field and rule, and stores nothing', async () => {
    const bad: [object, string, string][] = [
      [{ unitPrice: '1,2,3' }, 'ranges.0.unitPrice', 'amount like'],
      [{ unitPrice: '-1' }, 'ranges.0.unitPrice', '0 or more'],
      [{ unitPrice: '1.234' }, 'ranges.0.unitPrice', 'thousands'],
      [{ from: 2 }, 'ranges.0.from', 'starts at 1'],
      [{ articleName: ' ' }, 'ranges.0.articleName', 'article name'],
    ];
    for (const [patch, field, message] of bad) {
      const ranges = [{ ...specTable.ranges[0], ...patch }, ...specTable.ranges.slice(1)];
      const res = await api('PUT', '/api/price-table', { ...specTable, ranges, basedOnVersion: null });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json()).toMatchObject({ field, message: expect.stringContaining(message) });
    }
    const overlapping = specTable.ranges.map((r, i) => (i === 1 ? { ...r, from: 40 } : r));
    const res = await api('PUT', '/api/price-table', {
      ...specTable,
      ranges: overlapping,
      basedOnVersion: null,
    });
    expect(res.json()).toMatchObject({
      field: 'ranges.1.from',
      message: expect.stringContaining('overlaps'),
    });
    expect((await api('GET', '/api/price-table')).json()).toEqual({ current: null, versions: [] });
  });

  it('saves the table as version 1, parsing the prices exactly', async () => {
    const res = await api('PUT', '/api/price-table', { ...specTable, basedOnVersion: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().current).toMatchObject({
      version: 1,
      currency: 'EUR',
      createdBy: 'admin@provider.test',
      runningFrom: '2026-01-10T09:00:00.000Z',
      ranges: [
        { from: 1, to: 50, unitPriceMinor: 200 },
        { from: 51, to: 250, unitPriceMinor: 150 },
        { from: 251, to: 500, unitPriceMinor: 100 },
      ],
    });
  });

  it('refuses a save based on an older version', async () => {
    const res = await api('PUT', '/api/price-table', { ...specTable, basedOnVersion: null });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONFLICT');
    expect((await api('GET', '/api/price-table')).json().versions).toHaveLength(1);
  });

  it('is for admins only', async () => {
    const c = await registeredCustomer();
    expect((await api('GET', '/api/price-table', undefined, c.cookie)).statusCode).toBe(403);
    expect(
      (await api('PUT', '/api/price-table', { ...specTable, basedOnVersion: 1 }, c.cookie)).statusCode,
    ).toBe(403);
  });
});

describe('IP distribution (R-3.4)', () => {
  let id: string;

  it('starts a subscription: 300 IPs cost 450.00, the row shows the split, active, the average', async () => {
    id = (await registeredCustomer()).id;
    expect((await rowOf(id)).status).toBe('inactive');
    const res = await distribute(id, { total: 300, internal: 200, external: 100 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'start',
      applied: true,
      effectiveAt: '2026-01-10T09:00:00.000Z',
    });
    expect(await rowOf(id)).toMatchObject({
      status: 'active',
      ipsInternal: 200,
      ipsExternal: 100,
      paymentMethod: 'invoice',
      monthlyPrice: { amountMinor: 45000, currency: 'EUR' },
      averageIpPrice: { numeratorMinor: 45000, denominator: 300, currency: 'EUR' },
    });
  });

  it('refuses bad numbers with the field, and changes nothing', async () => {
    const before = await details(id);
    const bad: [object, string][] = [
      [{ total: 0, internal: 0, external: 0 }, 'total'],
      [{ total: -5, internal: 0, external: -5 }, 'total'],
      [{ total: 10.5, internal: 10.5, external: 0 }, 'total'],
      [{ total: 10, internal: 2.5, external: 7.5 }, 'internal'],
      [{ total: 10, internal: 4, external: 5 }, 'total'],
      [{ total: 501, internal: 501, external: 0 }, 'total'],
      [{ total: 10, internal: -1, external: 11 }, 'internal'],
    ];
    for (const [numbers, field] of bad) {
      const res = await api('PUT', `/api/customers/${id}/ip-distribution`, {
        ...numbers,
        version: before.version,
      });
      expect(res.statusCode, JSON.stringify(numbers)).toBe(400);
      expect(res.json().field, JSON.stringify(numbers)).toBe(field);
    }
    expect(await details(id)).toEqual(before);
  });

  it('refuses a change made on a stale version', async () => {
    const { version } = await details(id);
    await distribute(id, { total: 300, internal: 150, external: 150 });
    const res = await api('PUT', `/api/customers/${id}/ip-distribution`, {
      total: 300,
      internal: 100,
      external: 200,
      version,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONFLICT');
    expect(await rowOf(id)).toMatchObject({ ipsInternal: 150, ipsExternal: 150 });
  });

  it('applies a redistribution at once without a new price', async () => {
    const res = await distribute(id, { total: 300, internal: 300, external: 0 });
    expect(res.json()).toMatchObject({ kind: 'redistribution', applied: true });
    expect(await rowOf(id)).toMatchObject({
      ipsInternal: 300,
      ipsExternal: 0,
      monthlyPrice: { amountMinor: 45000 },
    });
  });

  it('applies an instant upgrade at once, and schedules a non-instant one for the next month', async () => {
    const instant = await distribute(id, { total: 350, internal: 300, external: 50, instant: true });
    expect(instant.json()).toMatchObject({ kind: 'upgrade', applied: true });
    expect(await rowOf(id)).toMatchObject({ ipsExternal: 50, monthlyPrice: { amountMinor: 50000 } });

    const later = await distribute(id, { total: 400, internal: 300, external: 100 });
    // 1 February 00:00 in Berlin.
    expect(later.json()).toMatchObject({
      kind: 'upgrade',
      applied: false,
      effectiveAt: '2026-01-31T23:00:00.000Z',
    });
    expect((await rowOf(id)).ipsExternal).toBe(50);
    expect((await details(id)).subscriptions.pending).toMatchObject({
      kind: 'upgrade',
      ipsExternal: 100,
      monthlyPrice: { amountMinor: 55000 },
    });
  });

  it('lets a newer change replace the pending one', async () => {
    await distribute(id, { total: 450, internal: 300, external: 150 });
    const pending = await queryRows<{ ips_external: number }>(
      portal.connection.db,
      sql`select ips_external from pending_subscription_changes where customer_id = ${id}`,
    );
    expect(pending).toEqual([{ ips_external: 150 }]);
  });

  it('lets one of two simultaneous changes win and refuses the other', async () => {
    const { version } = await details(id);
    const periodsBefore = await periodCount(id);
    const results = await Promise.all(
      [10, 20].map((external) =>
        api('PUT', `/api/customers/${id}/ip-distribution`, {
          total: 350,
          internal: 350 - external,
          external,
          version,
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await periodCount(id)).toBe((periodsBefore ?? 0) + 1);
    const running = await queryRows<{ n: number }>(
      portal.connection.db,
      sql`select count(*)::int as n from subscriptions where customer_id = ${id} and ended_at is null`,
    );
    expect(running).toEqual([{ n: 1 }]);
  });

  it('audits every change with before and after', async () => {
    const res = await api('GET', `/api/audit?objectType=customer&objectId=${id}&pageSize=50`);
    const actions = res.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['subscription.start', 'subscription.redistribution', 'subscription.upgrade']),
    );
    const start = res.json().items.find((e: { action: string }) => e.action === 'subscription.start');
    expect(start).toMatchObject({
      actorEmail: 'admin@provider.test',
      before: { running: null, status: 'inactive' },
      after: { running: { ipsInternal: 200, ipsExternal: 100, monthlyPriceMinor: 45000 }, status: 'active' },
    });
  });
});

describe('the month end (R-3.4)', () => {
  it('applies a downgrade made on 31 January 23:30 Berlin at 1 February 00:00 Berlin, once', async () => {
    await at('2026-01-20T10:00:00Z');
    const { id } = await registeredCustomer();
    await distribute(id, { total: 300, internal: 200, external: 100 });

    await at('2026-01-31T22:30:00Z'); // 23:30 in Berlin
    const res = await distribute(id, { total: 100, internal: 100, external: 0, instant: true });
    expect(res.json()).toMatchObject({
      kind: 'downgrade',
      applied: false,
      effectiveAt: '2026-01-31T23:00:00.000Z',
    });
    expect(await rowOf(id)).toMatchObject({ ipsInternal: 200, ipsExternal: 100 });
    expect((await details(id)).subscriptions.pending).toMatchObject({ kind: 'downgrade', ipsInternal: 100 });

    portal.clock.set('2026-01-31T22:59:59.999Z');
    expect((await portal.services.monthEnd.run()).applied).toBe(0);

    portal.clock.set('2026-01-31T23:00:00Z');
    expect((await portal.services.monthEnd.run()).applied).toBeGreaterThanOrEqual(1);
    expect((await portal.services.monthEnd.run()).applied).toBe(0);

    await at('2026-01-31T23:05:00Z');
    expect(await rowOf(id)).toMatchObject({
      status: 'active',
      ipsInternal: 100,
      ipsExternal: 0,
      monthlyPrice: { amountMinor: 17500 }, // 50 × 2.00 + 50 × 1.50
    });
    const { subscriptions } = await details(id);
    expect(subscriptions.pending).toBeNull();
    expect(subscriptions.current).toMatchObject({ ipsInternal: 100, startedAt: '2026-01-31T23:00:00.000Z' });
    expect(subscriptions.past[0]).toMatchObject({ ipsInternal: 200, endedAt: '2026-01-31T23:00:00.000Z' });
    expect(await periodCount(id)).toBe(2);
  });

  it('catches up after downtime: a change due long ago applies at its own instant', async () => {
    await at('2026-02-10T10:00:00Z');
    const { id } = await registeredCustomer();
    await distribute(id, { total: 60, internal: 60, external: 0 });
    await distribute(id, { total: 30, internal: 30, external: 0 });
    await at('2026-04-02T08:00:00Z'); // the portal was down for two months
    await portal.services.monthEnd.run();
    const { subscriptions } = await details(id);
    expect(subscriptions.current).toMatchObject({ ipsInternal: 30, startedAt: '2026-02-28T23:00:00.000Z' });
  });

  it('applies a due change before judging a new one made before the job ran', async () => {
    await at('2026-04-10T10:00:00Z');
    const { id } = await registeredCustomer();
    await distribute(id, { total: 100, internal: 100, external: 0 });
    await distribute(id, { total: 50, internal: 50, external: 0 });
    await at('2026-05-03T10:00:00Z');
    // Without the month end having run, 80 is an upgrade from 50, not a downgrade from 100.
    const res = await distribute(id, { total: 80, internal: 80, external: 0, instant: true });
    expect(res.json()).toMatchObject({ kind: 'upgrade', applied: true });
  });

  /** `n` new customers, each subscribed to `from` IPs with a downgrade to `to` (internal) due next month. */
  async function withDueDowngrades(n: number, from: { internal: number; external: number }, to: number) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const { id } = await registeredCustomer();
      await distribute(id, { total: from.internal + from.external, ...from });
      await distribute(id, { total: to, internal: to, external: 0 });
      ids.push(id);
    }
    return ids;
  }

  it('runs side by side without applying a change twice', async () => {
    await at('2026-05-10T10:00:00Z');
    const ids = await withDueDowngrades(4, { internal: 20, external: 0 }, 10);
    portal.clock.set('2026-06-01T00:00:00Z');
    const runs = await Promise.all([portal.services.monthEnd.run(), portal.services.monthEnd.run()]);
    expect(runs[0].applied + runs[1].applied).toBe(4);
    for (const id of ids) expect(await periodCount(id)).toBe(2);
  });

  it('works through many batches, on PostgreSQL two at a time, applying each change once', async () => {
    await at('2026-06-10T10:00:00Z');
    const ids = await withDueDowngrades(7, { internal: 30, external: 10 }, 20);
    portal.clock.set('2026-07-01T00:00:00Z');
    // Batches of two: four batches, the last one short, taken by whichever worker is free.
    expect((await portal.services.monthEnd.run({ batchSize: 2 })).applied).toBe(7);
    expect((await portal.services.monthEnd.run({ batchSize: 2 })).applied).toBe(0);
    await at('2026-07-01T00:05:00Z');
    for (const id of ids) {
      expect(await periodCount(id)).toBe(2);
      expect(await rowOf(id)).toMatchObject({ ipsInternal: 20, ipsExternal: 0 });
    }
    const audited = await queryRows<{ n: number }>(
      portal.connection.db,
      sql`select count(*)::int as n from audit_log
          where action = 'subscription.change-applied' and object_id = any(${arrayParam(ids, 'text')})`,
    );
    expect(audited[0]?.n).toBe(7);
  });
});

describe('price versions (R-4.1)', () => {
  it('prices new changes by the new version at once, running ones from the next month', async () => {
    await at('2026-06-05T10:00:00Z');
    const { id: running } = await registeredCustomer();
    await distribute(running, { total: 10, internal: 10, external: 0 }); // 10 × 2.00 by version 1
    const saved = await api('PUT', '/api/price-table', {
      ...specTable,
      ranges: specTable.ranges.map((r) => ({ ...r, unitPrice: '3.00' })),
      basedOnVersion: 1,
    });
    expect(saved.json().current).toMatchObject({ version: 2, runningFrom: '2026-06-30T22:00:00.000Z' });
    expect(saved.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const { id: fresh } = await registeredCustomer();
    await distribute(fresh, { total: 10, internal: 10, external: 0 });
    expect((await rowOf(fresh)).monthlyPrice.amountMinor).toBe(3000);
    expect((await rowOf(running)).monthlyPrice.amountMinor).toBe(2000);

    portal.clock.set('2026-06-30T22:00:00Z');
    expect((await portal.services.monthEnd.run()).repriced).toBeGreaterThan(0);
    expect((await portal.services.monthEnd.run()).repriced).toBe(0);
    await at('2026-07-01T08:00:00Z');
    expect((await rowOf(running)).monthlyPrice.amountMinor).toBe(3000);
    const { subscriptions } = await details(running);
    expect(subscriptions.current).toMatchObject({ priceVersion: 2, startedAt: '2026-06-30T22:00:00.000Z' });
    expect(subscriptions.past[0]).toMatchObject({ priceVersion: 1, monthlyPrice: { amountMinor: 2000 } });
  });
});

describe('Cancel Active Subscription (R-3.5)', () => {
  it('ends it, drops the pending change, makes the customer inactive; IP Distribution reactivates', async () => {
    await at('2026-07-10T10:00:00Z');
    const { id } = await registeredCustomer();
    await distribute(id, { total: 40, internal: 40, external: 0 });
    await distribute(id, { total: 20, internal: 20, external: 0 });
    const { version } = await details(id);
    const res = await api('POST', `/api/customers/${id}/subscription/cancel`, { version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'inactive',
      paymentMethod: 'free',
      ipsInternal: 0,
      monthlyPrice: null,
    });
    expect(res.json().subscriptions).toMatchObject({ current: null, pending: null });
    expect(res.json().subscriptions.past[0]).toMatchObject({ endedAt: '2026-07-10T10:00:00.000Z' });

    const again = await api('POST', `/api/customers/${id}/subscription/cancel`, {
      version: res.json().version,
    });
    expect(again.json().code).toBe('NO_ACTIVE_SUBSCRIPTION');

    const restart = await distribute(id, { total: 5, internal: 5, external: 0 });
    expect(restart.json()).toMatchObject({ kind: 'start', applied: true });
    expect((await rowOf(id)).status).toBe('active');
  });
});

describe('the portal subscription page (R-6.2)', () => {
  it('lets a self-service customer change its subscription and the admin list shows it', async () => {
    await at('2026-07-12T10:00:00Z');
    const { id, cookie } = await registeredCustomer('self-service');
    const page = await api('GET', '/api/portal/subscription', undefined, cookie);
    expect(page.json()).toMatchObject({
      editable: true,
      subscriptions: { current: null },
      priceTable: { version: 2 },
    });
    const res = await api(
      'PUT',
      '/api/portal/subscription',
      { total: 60, internal: 40, external: 20, version: page.json().version },
      cookie,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'start',
      applied: true,
      subscription: { subscriptions: { current: { ipsInternal: 40 } } },
    });
    expect(await rowOf(id)).toMatchObject({ status: 'active', ipsInternal: 40, ipsExternal: 20 });
    // A customer cannot use the admin endpoint, not even on itself.
    const adminOnly = await api(
      'PUT',
      `/api/customers/${id}/ip-distribution`,
      { total: 1, internal: 1, external: 0, version: 99 },
      cookie,
    );
    expect(adminOnly.statusCode).toBe(403);
  });

  it('shows a managed customer its subscription read-only and refuses changes', async () => {
    const { cookie } = await registeredCustomer('managed');
    const page = await api('GET', '/api/portal/subscription', undefined, cookie);
    expect(page.json()).toMatchObject({ serviceMode: 'managed', editable: false });
    const res = await api(
      'PUT',
      '/api/portal/subscription',
      { total: 10, internal: 10, external: 0, version: page.json().version },
      cookie,
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('MANAGED_BY_PROVIDER');
  });
});

describe('the billing calendar', () => {
  it('tells signed-in users the zone whose months are billing months', async () => {
    expect((await api('GET', '/api/billing-calendar')).json()).toEqual({ timeZone: 'Europe/Berlin' });
    expect((await api('GET', '/api/billing-calendar', undefined, '')).statusCode).toBe(401);
  });
});

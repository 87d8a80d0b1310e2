import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** 1–100 at 1.00, 101–1000 at 0.80, 1001–5000 at 0.50. */
const upstreamTable = {
  currency: 'EUR',
  ranges: [
    { from: 1, to: 100, articleName: 'Upstream S', articleNumber: 'UP-S', unitPrice: '1.00' },
    { from: 101, to: 1000, articleName: 'Upstream M', articleNumber: 'UP-M', unitPrice: '0,80' },
    { from: 1001, to: 5000, articleName: 'Upstream L', articleNumber: 'UP-L', unitPrice: '0.5' },
  ],
};

const api = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object, cookie = admin) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

const priceAt = (instant: string, ips: number) =>
  portal.services.purchasePrices.purchasePriceAt(portal.connection.db, new Date(instant), ips);

const auditEntries = () =>
  queryRows<{ action: string; object_id: string; actor_email: string; before: unknown; after: unknown }>(
    portal.connection.db,
    sql`select action, object_id, actor_email, before, after from audit_log
        where object_type = 'purchase-price-table' order by id`,
  );

async function at(instant: string): Promise<void> {
  portal.clock.set(instant);
  admin = await signIn(portal, 'admin@provider.test');
}

/** A customer's registered main user: signed in, but no admin. */
async function customerUser(): Promise<string> {
  const { cookie } = await invitedCustomer(portal, admin, {
    companyName: 'Customer GmbH',
    contactEmail: 'main@customer.test',
  });
  return cookie;
}

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  await at('2026-03-10T09:00:00Z');
  await api('PUT', '/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' });
});
afterAll(() => portal.dispose());

describe('the purchase price table', () => {
  it('is empty at first, and no purchase price exists at any instant', async () => {
    expect((await api('GET', '/api/purchase-price-table')).json()).toEqual({ current: null, versions: [] });
    expect(await priceAt('2026-03-10T09:00:00Z', 10)).toBeNull();
  });

  it('refuses bad tables with the range field named, and stores nothing', async () => {
    const bad: [Record<string, unknown>, string, string][] = [
      [{ unitPrice: '' }, 'ranges.0.unitPrice', 'Enter the purchase price.'],
      [{ unitPrice: '-1' }, 'ranges.0.unitPrice', '0 or more'],
      [{ unitPrice: '1.234' }, 'ranges.0.unitPrice', 'thousands separators'],
      [{ from: 2 }, 'ranges.0.from', 'starts at 1'],
      [{ to: 0 }, 'ranges.0.to', 'at or after its start'],
      [{ articleNumber: ' ' }, 'ranges.0.articleNumber', 'article number'],
    ];
    for (const [patch, field, message] of bad) {
      const ranges = [{ ...upstreamTable.ranges[0], ...patch }, ...upstreamTable.ranges.slice(1)];
      const res = await api('PUT', '/api/purchase-price-table', {
        ...upstreamTable,
        ranges,
        basedOnVersion: null,
      });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        field,
        message: expect.stringContaining(message),
      });
    }
    const gap = upstreamTable.ranges.map((r, i) => (i === 2 ? { ...r, from: 1002 } : r));
    const res = await api('PUT', '/api/purchase-price-table', {
      ...upstreamTable,
      ranges: gap,
      basedOnVersion: null,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'ranges.2.from',
      rule: 'price-ranges-gap',
      message: expect.stringContaining('right after'),
    });
    const noCurrency = await api('PUT', '/api/purchase-price-table', {
      ...upstreamTable,
      currency: 'EURO',
      basedOnVersion: null,
    });
    expect(noCurrency.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'currency' });

    expect((await api('GET', '/api/purchase-price-table')).json()).toEqual({ current: null, versions: [] });
    expect(await auditEntries()).toEqual([]);
  });

  it('saves version 1, parsed exactly, applying at once, with an audit entry', async () => {
    const res = await api('PUT', '/api/purchase-price-table', { ...upstreamTable, basedOnVersion: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().current).toEqual({
      version: 1,
      currency: 'EUR',
      createdAt: '2026-03-10T09:00:00.000Z',
      createdBy: 'admin@provider.test',
      runningFrom: '2026-03-10T09:00:00.000Z',
      ranges: [
        { from: 1, to: 100, articleName: 'Upstream S', articleNumber: 'UP-S', unitPriceMinor: 100 },
        { from: 101, to: 1000, articleName: 'Upstream M', articleNumber: 'UP-M', unitPriceMinor: 80 },
        { from: 1001, to: 5000, articleName: 'Upstream L', articleNumber: 'UP-L', unitPriceMinor: 50 },
      ],
    });
    expect(await auditEntries()).toEqual([
      {
        action: 'purchase-price-table.saved',
        object_id: '1',
        actor_email: 'admin@provider.test',
        before: null,
        after: { version: 1, currency: 'EUR', ranges: res.json().current.ranges },
      },
    ]);
    // The sales price table is a table of its own.
    expect((await api('GET', '/api/price-table')).json().current).toBeNull();
  });

  it('refuses a save based on an older version', async () => {
    const res = await api('PUT', '/api/purchase-price-table', { ...upstreamTable, basedOnVersion: null });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONFLICT');
    expect((await api('GET', '/api/purchase-price-table')).json().versions).toHaveLength(1);
  });

  it('adds version 2, which applies from the next billing month; both are listed, newest first', async () => {
    await at('2026-03-20T12:00:00Z');
    const cheaper = upstreamTable.ranges.map((r) => ({ ...r, unitPrice: '0.40' }));
    const res = await api('PUT', '/api/purchase-price-table', {
      ...upstreamTable,
      ranges: cheaper,
      basedOnVersion: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    // Europe/Berlin: April starts at 22:00 UTC on 31 March (summer time).
    expect(res.json().current).toMatchObject({ version: 2, runningFrom: '2026-03-31T22:00:00.000Z' });
    const listed = (await api('GET', '/api/purchase-price-table')).json();
    expect(listed.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(listed.current.version).toBe(2);
    expect((await auditEntries()).at(-1)).toMatchObject({ object_id: '2', before: { version: 1 } });
  });

  it('is for admins only', async () => {
    const customer = await customerUser();
    expect((await api('GET', '/api/purchase-price-table', undefined, customer)).statusCode).toBe(403);
    const put = await api(
      'PUT',
      '/api/purchase-price-table',
      { ...upstreamTable, basedOnVersion: 2 },
      customer,
    );
    expect(put.statusCode).toBe(403);
    expect((await api('GET', '/api/purchase-price-table', undefined, '')).statusCode).toBe(401);
    expect((await api('GET', '/api/purchase-price-table')).json().versions).toHaveLength(2);
  });
});

describe('purchasePriceAt', () => {
  it('prices n IPs graduated by the version applying at the instant', async () => {
    // Version 1 from 10 March 09:00: 150 IPs are 100 × 1.00 + 50 × 0.80.
    expect(await priceAt('2026-03-15T00:00:00Z', 150)).toEqual({
      totalMinor: 14_000,
      currency: 'EUR',
      version: 1,
    });
    expect(await priceAt('2026-03-31T21:59:59.999Z', 1)).toEqual({
      totalMinor: 100,
      currency: 'EUR',
      version: 1,
    });
    // Version 2 from April on: 0.40 for every IP.
    expect(await priceAt('2026-03-31T22:00:00Z', 150)).toEqual({
      totalMinor: 6_000,
      currency: 'EUR',
      version: 2,
    });
    expect(await priceAt('2026-03-10T08:59:59Z', 150)).toBeNull();
  });

  it('prices 0 IPs at 0, and IPs beyond the last range at its price', async () => {
    expect(await priceAt('2026-03-15T00:00:00Z', 0)).toEqual({ totalMinor: 0, currency: 'EUR', version: 1 });
    // 100 × 1.00 + 900 × 0.80 + 4000 × 0.50 + 1000 beyond × 0.50.
    expect(await priceAt('2026-03-15T00:00:00Z', 6_000)).toEqual({
      totalMinor: 10_000 + 72_000 + 200_000 + 50_000,
      currency: 'EUR',
      version: 1,
    });
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import { createAdmin, createTestPortal, signIn, type TestPortal } from '../../test/harness.ts';
import { insertCustomers } from '../customers/customers.repository.ts';
import { generateSignerKeyPair, issueProjectKey } from './project-key-token.ts';

let portal: TestPortal;
let admin: string;
let msp: Awaited<ReturnType<typeof generateSignerKeyPair>>;
const system = { id: '00000000-0000-4000-8000-000000000003', email: 'system@provider.test' };

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie: admin } });

/** 100 IPs for 12 months, bought for 1,200.00. */
const issue = (overrides: { privateJwk?: typeof msp.privateJwk; expiresAt?: Date; ips?: number } = {}) =>
  issueProjectKey({
    privateJwk: overrides.privateJwk ?? msp.privateJwk,
    ips: overrides.ips ?? 100,
    months: 12,
    purchasePriceMinor: 120_000,
    currency: 'EUR',
    issuedAt: portal.clock.now(),
    expiresAt: overrides.expiresAt ?? new Date(portal.clock.now().getTime() + 90 * 86_400_000),
  });

let n = 0;
async function customer(serviceMode: 'managed' | 'self-service' = 'managed') {
  n += 1;
  const now = portal.clock.now();
  const [c] = await insertCustomers(portal.connection.db, [
    {
      companyName: `Keyed ${n} GmbH`,
      street: 'Weg 1',
      postalCode: '10115',
      city: 'Berlin',
      country: 'DE',
      contactName: 'K',
      contactEmail: `k${n}@keys.test`,
      serviceMode,
      status: 'inactive',
      registeredAt: now,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  if (!c) throw new Error('no customer');
  return c.id;
}

async function redeem(id: string, key: string, overrides: object = {}) {
  const { version } = await portal.services.details.details(id);
  return api('POST', `/api/customers/${id}/project-key`, {
    key,
    salesPrice: '1500,00',
    internal: 60,
    external: 40,
    instant: true,
    version,
    ...overrides,
  });
}

beforeAll(async () => {
  portal = await createTestPortal();
  portal.clock.set('2026-03-10T10:00:00Z');
  await createAdmin(portal);
  admin = await signIn(portal, 'admin@provider.test');
  msp = await generateSignerKeyPair();
  await portal.services.projectKeySigners.add(system, {
    label: 'Upstream MSP',
    publicJwk: JSON.stringify(msp.publicJwk),
  });
  await portal.services.mail.saveSettings(system, { transport: 'log', fromAddress: 'portal@provider.test' });
});
afterAll(() => portal.dispose());

describe('Add Project Key (R-3.6)', () => {
  let id: string;
  let key: string;

  it('shows what a key carries', async () => {
    id = await customer();
    key = await issue();
    const res = await api('POST', `/api/customers/${id}/project-key/inspect`, { key });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      ips: 100,
      months: 12,
      purchasePrice: { amountMinor: 120_000, currency: 'EUR' },
      signer: 'Upstream MSP',
    });
  });

  it('redeems it: Project Key on the row, the split as chosen, term, prices and margin in the details', async () => {
    const res = await redeem(id, key);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'start', applied: true });
    const details = res.json().customer;
    expect(details).toMatchObject({
      status: 'active',
      paymentMethod: 'project-key',
      ipsInternal: 60,
      ipsExternal: 40,
      monthlyPrice: { amountMinor: 12_500, currency: 'EUR' }, // 1,500.00 over 12 months
    });
    expect(details.projectKeys).toEqual([
      expect.objectContaining({
        ips: 100,
        months: 12,
        purchasePrice: { amountMinor: 120_000, currency: 'EUR' },
        salesPrice: { amountMinor: 150_000, currency: 'EUR' },
        margin: { amountMinor: 30_000, currency: 'EUR' },
        termStartsAt: '2026-03-10T10:00:00.000Z',
        termEndsAt: '2027-03-10T10:00:00.000Z',
      }),
    ]);
    expect(details.subscriptions.current).toMatchObject({
      termEndsAt: '2027-03-10T10:00:00.000Z',
      priceVersion: null,
    });
  });

  it('refuses the same key a second time', async () => {
    const other = await customer();
    const res = await redeem(other, key);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('PROJECT_KEY_REDEEMED');
    expect((await api('POST', `/api/customers/${other}/project-key/inspect`, { key })).json().code).toBe(
      'PROJECT_KEY_REDEEMED',
    );
    expect((await portal.services.details.details(other)).subscriptions.current).toBeNull();
  });

  it('lets exactly one of two simultaneous redemptions of one key succeed', async () => {
    const [a, b] = [await customer(), await customer()];
    const fresh = await issue();
    const results = await Promise.all([redeem(a, fresh), redeem(b, fresh)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const rows = await queryRows<{ n: number }>(
      portal.connection.db,
      sql`select count(*)::int as n from subscriptions where payment_method = 'project-key' and customer_id in (${a}, ${b})`,
    );
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('refuses forged, tampered, expired, foreign and malformed keys with distinct reasons, changing nothing', async () => {
    const target = await customer();
    const stranger = await generateSignerKeyPair();
    const genuine = await issue();
    const [header, payload, signature] = genuine.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, ips: 5000 })).toString('base64url')}.${signature}`;
    const expired = await issue({ expiresAt: new Date(portal.clock.now().getTime() + 1000) });
    portal.clock.advance(2000);
    admin = await signIn(portal, 'admin@provider.test');
    const cases: [string, string][] = [
      [await issue({ privateJwk: stranger.privateJwk }), 'PROJECT_KEY_UNKNOWN_SIGNER'],
      [tampered, 'PROJECT_KEY_BAD_SIGNATURE'],
      [expired, 'PROJECT_KEY_EXPIRED'],
      ['not-a-key', 'PROJECT_KEY_MALFORMED'],
    ];
    for (const [bad, code] of cases) {
      const res = await redeem(target, bad);
      expect(res.json(), code).toMatchObject({ code, field: 'key' });
    }
    expect((await portal.services.details.details(target)).subscriptions.current).toBeNull();
  });

  it('refuses a split that does not add up to the key, a bad sales price, and self-service customers', async () => {
    const target = await customer();
    const fresh = await issue();
    expect((await redeem(target, fresh, { internal: 10, external: 10 })).json()).toMatchObject({
      field: 'internal',
    });
    expect((await redeem(target, fresh, { salesPrice: '1,2,3' })).json()).toMatchObject({
      field: 'salesPrice',
    });
    const selfService = await customer('self-service');
    expect((await redeem(selfService, fresh)).json().code).toBe('ACTION_NOT_APPLICABLE');
  });

  it('refuses a key in another currency than the price table', async () => {
    await portal.services.prices.save(system, {
      currency: 'EUR',
      ranges: [{ from: 1, to: 500, articleName: 'Scan', articleNumber: 'S', unitPrice: '1.00' }],
      basedOnVersion: null,
    });
    const dollars = await issueProjectKey({
      privateJwk: msp.privateJwk,
      ips: 100,
      months: 12,
      purchasePriceMinor: 120_000,
      currency: 'USD',
      issuedAt: portal.clock.now(),
      expiresAt: new Date(portal.clock.now().getTime() + 86_400_000),
    });
    const res = await redeem(await customer(), dollars);
    expect(res.json()).toMatchObject({ field: 'key', message: expect.stringContaining('priced in USD') });
  });

  it('refuses while Project Key is deactivated', async () => {
    await portal.services.paymentMethods.setActive(system, 'project-key', false);
    const res = await redeem(await customer(), await issue());
    expect(res.json().code).toBe('PAYMENT_METHOD_INACTIVE');
    await portal.services.paymentMethods.setActive(system, 'project-key', true);
  });

  it('reminds the provider 30 days before the term ends, once, and ends the subscription with the term', async () => {
    const reminders = async () =>
      (
        await queryRows<{ n: number }>(
          portal.connection.db,
          sql`select count(*)::int as n from mails where template = 'project-key-term-ending' and to_address = 'admin@provider.test'`,
        )
      )[0]?.n;
    portal.clock.set('2027-02-01T00:00:00Z');
    await portal.services.monthEnd.run();
    expect(await reminders()).toBe(0);
    portal.clock.set('2027-02-09T11:00:00Z'); // 29 days before 10 March
    await portal.services.monthEnd.run();
    const sent = await reminders();
    expect(sent).toBeGreaterThanOrEqual(1);
    await portal.services.monthEnd.run();
    expect(await reminders()).toBe(sent);

    portal.clock.set('2027-03-10T10:00:00Z');
    const run = await portal.services.monthEnd.run();
    expect(run.expired).toBeGreaterThanOrEqual(1);
    const after = await portal.services.details.details(id);
    expect(after).toMatchObject({
      status: 'inactive',
      paymentMethod: 'free',
      ipsInternal: 0,
      monthlyPrice: null,
    });
    expect(after.subscriptions.past[0]).toMatchObject({ endedAt: '2027-03-10T10:00:00.000Z' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAdmin,
  createTestPortal,
  invitedCustomer,
  STRONG_PASSWORD,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';

/**
 * The month's customer movements, against what this test did through the API and counted itself: customers
 * created by the admin and signed up, converted, cancelled (twice in a month counts once) and purged, in March
 * and April 2026.
 */

let portal: TestPortal;
let admin: string;
type Method = 'GET' | 'POST' | 'PUT';
const api = (method: Method, url: string, payload?: object, cookie = admin) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });
const versionOf = async (id: string): Promise<number> =>
  (await api('GET', `/api/customers/${id}`)).json().version;

/** What the test did, per month, counted as the dashboard should. */
const done: Record<string, { new: number; converted: number; cancelled: number; deleted: number }> = {};
const count = (month: string, movement: keyof (typeof done)[string]) => {
  done[month] ??= { new: 0, converted: 0, cancelled: 0, deleted: 0 };
  done[month][movement] += 1;
};
const monthNow = () => portal.clock.now().toISOString().slice(0, 7);

let n = 0;
async function created(serviceMode: 'managed' | 'self-service' = 'managed') {
  n += 1;
  const c = await invitedCustomer(portal, admin, {
    companyName: `Moving ${n} GmbH`,
    contactEmail: `main${n}@moving.test`,
    serviceMode,
  });
  count(monthNow(), 'new');
  return c.id;
}

async function signedUp() {
  n += 1;
  const res = await api(
    'POST',
    '/api/sign-up',
    {
      email: `founder${n}@moving.test`,
      password: STRONG_PASSWORD,
      passwordConfirmation: STRONG_PASSWORD,
      companyName: `Signed Up ${n} UG`,
      contactName: 'Frida Founder',
      address: { street: 'Torstraße 5', postalCode: '10119', city: 'Berlin', country: 'DE' },
      acceptTerms: true,
    },
    '',
  );
  expect(res.statusCode, res.body).toBeLessThan(300);
  count(monthNow(), 'new');
}

async function subscribe(id: string) {
  const res = await api('PUT', `/api/customers/${id}/ip-distribution`, {
    total: 10,
    internal: 10,
    external: 0,
    instant: true,
    version: await versionOf(id),
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function cancel(id: string) {
  const res = await api('POST', `/api/customers/${id}/subscription/cancel`, { version: await versionOf(id) });
  expect(res.statusCode, res.body).toBe(200);
}

async function convert(id: string) {
  const res = await api('POST', `/api/customers/${id}/convert-to-managed`, { version: await versionOf(id) });
  expect(res.statusCode, res.body).toBe(200);
  count(monthNow(), 'converted');
}

async function purge(id: string) {
  const res = await api('POST', `/api/customers/${id}/delete`, {
    confirmation: 'DELETE',
    version: await versionOf(id),
  });
  expect(res.statusCode, res.body).toBe(200);
  const { purgeAt } = res.json();
  await portal.services.deletion.runPurge({ customerId: id, purgeAt });
  count(monthNow(), 'deleted');
}

const movementsOf = async (month: string) => {
  const res = await api('GET', `/api/dashboard?month=${month}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().movements;
};

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  portal.clock.set('2026-03-02T09:00:00Z');
  admin = await signIn(portal, 'admin@provider.test');
  await api('PUT', '/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' });
  await api('PUT', '/api/settings/self-service', { registrationEnabled: true });
  await api('PUT', '/api/price-table', {
    currency: 'EUR',
    basedOnVersion: null,
    ranges: [{ from: 1, to: 100, articleName: 'Scan', articleNumber: 'S', unitPrice: '2.00' }],
  });
});
afterAll(() => portal.dispose());

describe("the month's customer movements", () => {
  it('count each customer once per movement, in the billing month it happened in', async () => {
    const a = await created();
    const b = await created('self-service');
    const c = await created();
    await signedUp();
    await convert(b);
    await subscribe(a);
    await cancel(a);
    count(monthNow(), 'cancelled');
    // Reactivated and cancelled again in the same month: still one customer who cancelled.
    await subscribe(a);
    await cancel(a);

    // The last minutes of March in Berlin (UTC+2 from March 29th) still belong to March.
    portal.clock.set('2026-03-31T21:59:00Z');
    admin = await signIn(portal, 'admin@provider.test');
    await created();
    portal.clock.set('2026-04-14T09:00:00Z');
    admin = await signIn(portal, 'admin@provider.test');
    await created();
    await subscribe(c);
    await cancel(c);
    count(monthNow(), 'cancelled');
    await purge(a);
    await subscribe(b);

    expect(done).toEqual({
      '2026-03': { new: 5, converted: 1, cancelled: 1, deleted: 0 },
      '2026-04': { new: 1, converted: 0, cancelled: 1, deleted: 1 },
    });
    expect(await movementsOf('2026-03')).toEqual(done['2026-03']);
    expect(await movementsOf('2026-04')).toEqual(done['2026-04']);
    expect((await api('GET', '/api/dashboard')).json().movements).toEqual(done['2026-04']);
    expect(await movementsOf('2026-02')).toEqual({ new: 0, converted: 0, cancelled: 0, deleted: 0 });
  });
});

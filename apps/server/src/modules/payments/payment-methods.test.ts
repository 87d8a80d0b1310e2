import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, createTestPortal, signIn, type TestPortal } from '../../test/harness.ts';
import { insertCustomers } from '../customers/customers.repository.ts';

let portal: TestPortal;
let admin: string;
const system = { id: '00000000-0000-4000-8000-000000000002', email: 'system@provider.test' };

const api = (method: 'GET' | 'PUT', url: string, payload?: object) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie: admin } });

let n = 0;
async function customer() {
  n += 1;
  const now = portal.clock.now();
  const [c] = await insertCustomers(portal.connection.db, [
    {
      companyName: `Method ${n} GmbH`,
      street: 'Weg 1',
      postalCode: '10115',
      city: 'Berlin',
      country: 'DE',
      contactName: 'M',
      contactEmail: `m${n}@methods.test`,
      serviceMode: 'self-service',
      status: 'inactive',
      registeredAt: now,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  if (!c) throw new Error('no customer');
  return c;
}

const distribute = async (id: string, total: number) => {
  const { version } = await portal.services.details.details(id);
  return api('PUT', `/api/customers/${id}/ip-distribution`, { total, internal: total, external: 0, version });
};

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  admin = await signIn(portal, 'admin@provider.test');
  await portal.services.prices.save(system, {
    currency: 'EUR',
    ranges: [{ from: 1, to: 100, articleName: 'Scan', articleNumber: 'S-1', unitPrice: '2.00' }],
    basedOnVersion: null,
  });
});
afterAll(() => portal.dispose());

describe('Payment Methods (R-7.3)', () => {
  it('offers Invoice and Project Key at first; Credit Card waits for the Stripe keys', async () => {
    const res = await api('GET', '/api/payment-methods');
    expect(res.json().methods).toEqual([
      expect.objectContaining({
        method: 'credit-card',
        billingType: 'automatic',
        active: false,
        blockedReason: 'STRIPE_NOT_CONFIGURED',
      }),
      expect.objectContaining({
        method: 'invoice',
        billingType: 'manual',
        active: true,
        blockedReason: null,
      }),
      expect.objectContaining({ method: 'project-key', billingType: 'prepaid', active: true }),
    ]);
    const refused = await api('PUT', '/api/payment-methods/credit-card', { active: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('STRIPE_NOT_CONFIGURED');
    expect((await api('GET', '/api/payment-methods')).json().methods[0].active).toBe(false);
  });

  it('deactivating Invoice refuses new subscriptions but leaves running ones, which can still change', async () => {
    const running = await customer();
    expect((await distribute(running.id, 10)).statusCode).toBe(200);

    const off = await api('PUT', '/api/payment-methods/invoice', { active: false });
    expect(off.json().methods[1]).toMatchObject({
      method: 'invoice',
      active: false,
      runningSubscriptions: 1,
    });

    const fresh = await customer();
    const refused = await distribute(fresh.id, 10);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('PAYMENT_METHOD_INACTIVE');
    expect((await portal.services.details.details(fresh.id)).subscriptions.current).toBeNull();

    const upgraded = await api('PUT', `/api/customers/${running.id}/ip-distribution`, {
      total: 20,
      internal: 20,
      external: 0,
      instant: true,
      version: (await portal.services.details.details(running.id)).version,
    });
    expect(upgraded.statusCode).toBe(200);
    expect(upgraded.json().customer).toMatchObject({ paymentMethod: 'invoice', ipsInternal: 20 });

    // The self-service portal no longer offers it.
    expect((await portal.services.portalSubscription.show(fresh.id)).paymentMethods).toEqual([]);
    await api('PUT', '/api/payment-methods/invoice', { active: true });
    expect((await portal.services.portalSubscription.show(fresh.id)).paymentMethods).toEqual(['invoice']);
  });

  it('audits every change', async () => {
    const res = await api('GET', '/api/audit?objectType=payment-method&pageSize=10');
    expect(res.json().items.map((e: { action: string }) => e.action)).toEqual([
      'payment-method.activated',
      'payment-method.deactivated',
    ]);
  });
});

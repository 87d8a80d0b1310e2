import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import {
  acceptInvitation,
  createAdmin,
  createTestPortal,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';

let portal: TestPortal;
let admin: string;

const address = { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' };

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, cookie = admin) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

const storedInvoiceEmail = async (id: string) =>
  (
    await queryRows<{ invoice_email: string | null }>(
      portal.connection.db,
      sql`select invoice_email from customers where id = ${id}`,
    )
  )[0]?.invoice_email;

async function create(companyName: string, contactEmail: string, serviceMode: 'managed' | 'self-service') {
  const res = await api('POST', '/api/customers', {
    companyName,
    address,
    contactName: 'Erika Mustermann',
    contactEmail,
    serviceMode,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

/** The contact accepts the invitation mailed to it: a session of the customer's main user. */
const register = (email: string) => acceptInvitation(portal, email, { template: 'customer-invite' });

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  admin = await signIn(portal, 'admin@provider.test');
  await api('PUT', '/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' });
  await api('PUT', '/api/settings/self-service', { registrationEnabled: true });
});
afterAll(() => portal.dispose());

describe('the invoice e-mail of a customer’s address', () => {
  it('is saved by the admin’s address change, shown in the details and audited; empty mails to the main user again', async () => {
    const c = await create('Acme GmbH', 'erika@acme.test', 'managed');
    expect((await api('GET', `/api/customers/${c.id}`)).json()).toMatchObject({ invoiceEmail: null });

    const saved = await api('PUT', `/api/customers/${c.id}/address`, {
      address,
      invoiceEmail: '  Rechnung@Acme.TEST ',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ invoiceEmail: 'rechnung@acme.test' });
    expect((await api('GET', `/api/customers/${c.id}`)).json()).toMatchObject({
      invoiceEmail: 'rechnung@acme.test',
    });
    const audit = await portal.services.audit.list({
      objectType: 'customer',
      objectId: c.id,
      page: 1,
      pageSize: 1,
    });
    expect(audit.items[0]).toMatchObject({
      action: 'customer.address-changed',
      before: { invoiceEmail: null },
      after: { invoiceEmail: 'rechnung@acme.test' },
    });

    // A change that leaves the field out keeps it; an empty one clears it.
    await api('PUT', `/api/customers/${c.id}/address`, { address: { ...address, city: 'Potsdam' } });
    expect(await storedInvoiceEmail(c.id)).toBe('rechnung@acme.test');
    const cleared = await api('PUT', `/api/customers/${c.id}/address`, { address, invoiceEmail: '' });
    expect(cleared.json()).toMatchObject({ invoiceEmail: null });
    expect(await storedInvoiceEmail(c.id)).toBeNull();
  });

  it('refuses an address that is not one, naming the field, and changes nothing', async () => {
    const c = await create('Bad Mail GmbH', 'bert@bad.test', 'managed');
    await api('PUT', `/api/customers/${c.id}/address`, { address, invoiceEmail: 'ap@bad.test' });
    for (const invoiceEmail of ['rechnung', 'a@b', 'two@one.test, three@one.test', 42]) {
      const res = await api('PUT', `/api/customers/${c.id}/address`, {
        address: { ...address, city: 'Hamburg' },
        invoiceEmail,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'invoiceEmail' });
    }
    expect((await api('GET', `/api/customers/${c.id}`)).json()).toMatchObject({
      invoiceEmail: 'ap@bad.test',
      address: { city: 'Berlin' },
    });
  });

  it('is kept by a self-service customer on its company page, and refused when it is not an address', async () => {
    const c = await create('Own Way GmbH', 'olga@own.test', 'self-service');
    const olga = await register('olga@own.test');
    expect((await api('GET', '/api/portal/company', undefined, olga)).json()).toMatchObject({
      invoiceEmail: null,
    });

    const saved = await api('PUT', '/api/portal/company', { address, invoiceEmail: 'ap@own.test' }, olga);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ invoiceEmail: 'ap@own.test' });
    expect((await api('GET', '/api/portal/company', undefined, olga)).json()).toMatchObject({
      invoiceEmail: 'ap@own.test',
    });

    const bad = await api('PUT', '/api/portal/company', { address, invoiceEmail: 'ap at own.test' }, olga);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'invoiceEmail' });
    expect(await storedInvoiceEmail(c.id)).toBe('ap@own.test');
  });
});

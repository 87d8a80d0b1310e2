import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import {
  createAdmin,
  createTestPortal,
  mailedToken,
  STRONG_PASSWORD,
  sessionCookieOf,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';

let portal: TestPortal;
let admin: string;

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, cookie = '') =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

const signUp = (overrides: object = {}) =>
  api('POST', '/api/sign-up', {
    email: 'founder@startup.test',
    password: STRONG_PASSWORD,
    passwordConfirmation: STRONG_PASSWORD,
    companyName: 'Startup Security UG',
    contactName: 'Frida Founder',
    address: { street: 'Torstraße 5', postalCode: '10119', city: 'Berlin', country: 'DE' },
    acceptTerms: true,
    ...overrides,
  });

const countCustomers = async () =>
  (await queryRows<{ n: number }>(portal.connection.db, sql`select count(*)::int as n from customers`))[0]?.n;

const verificationToken = (to: string) =>
  mailedToken(portal, to, { template: 'email-verification', page: 'verify-email' });

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  admin = await signIn(portal, 'admin@provider.test');
  await api('PUT', '/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' }, admin);
});
afterAll(() => portal.dispose());

describe('self-registration (R-5.1)', () => {
  it('is closed until an admin opens it, and only an admin can', async () => {
    expect((await api('GET', '/api/sign-up')).json()).toEqual({ open: false });
    const closed = await signUp();
    expect(closed.statusCode).toBe(403);
    expect(closed.json()).toMatchObject({ code: 'REGISTRATION_CLOSED' });
    expect(await countCustomers()).toBe(0);

    expect((await api('PUT', '/api/settings/self-service', { registrationEnabled: true })).statusCode).toBe(
      401,
    );
    expect(
      (await api('PUT', '/api/settings/self-service', { registrationEnabled: true }, admin)).json(),
    ).toEqual({ registrationEnabled: true });
    expect((await api('GET', '/api/sign-up')).json()).toEqual({ open: true });
    const audit = await portal.services.audit.list({
      objectType: 'settings',
      objectId: 'self-service',
      page: 1,
      pageSize: 5,
    });
    expect(audit.items[0]).toMatchObject({
      action: 'self-service-settings.changed',
      before: { registrationEnabled: false },
      after: { registrationEnabled: true },
    });
  });

  it.each([
    [{ acceptTerms: false }, 'acceptTerms', 'VALIDATION_FAILED'],
    [{ companyName: '' }, 'companyName', 'VALIDATION_FAILED'],
    [{ password: 'startup2026', passwordConfirmation: 'startup2026' }, 'password', 'WEAK_PASSWORD'],
    [{ passwordConfirmation: `${STRONG_PASSWORD}.` }, 'passwordConfirmation', 'PASSWORDS_DO_NOT_MATCH'],
    [
      { address: { street: 'Ring 1', postalCode: '1010', city: 'Wien', country: 'AT' } },
      'vatId',
      'VAT_ID_REQUIRED',
    ],
    [{ email: 'ADMIN@provider.test' }, 'email', 'EMAIL_TAKEN'],
  ])('refuses %o with a field error on %s and creates nothing', async (overrides, field, code) => {
    const res = await signUp(overrides);
    expect(res.json()).toMatchObject({ code, field });
    expect(await countCustomers()).toBe(0);
  });

  it('creates a self-service customer that signs in only after confirming the e-mail, once', async () => {
    expect((await signUp()).statusCode).toBe(202);
    const [row] = (await api('GET', '/api/customers?q=startup', undefined, admin)).json().items;
    expect(row).toMatchObject({
      companyName: 'Startup Security UG',
      serviceMode: 'self-service',
      status: 'invited',
    });

    const early = await api('POST', '/api/session', {
      email: 'founder@startup.test',
      password: STRONG_PASSWORD,
    });
    expect(early.statusCode).toBe(403);
    expect(early.json()).toMatchObject({ code: 'EMAIL_NOT_VERIFIED' });

    const token = await verificationToken('founder@startup.test');
    const verified = await api('POST', '/api/sign-up/verify', { token });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ user: { email: 'founder@startup.test', role: 'customer' } });
    const cookie = sessionCookieOf(verified);
    expect((await api('GET', '/api/portal/company', undefined, cookie)).json()).toMatchObject({
      serviceMode: 'self-service',
    });
    expect((await api('GET', `/api/customers/${row.id}`, undefined, admin)).json()).toMatchObject({
      status: 'inactive',
    });

    expect((await api('POST', '/api/sign-up/verify', { token })).json()).toMatchObject({
      code: 'TOKEN_INVALID',
    });
    await signIn(portal, 'founder@startup.test');
  });

  it('is refused again once an admin closes it', async () => {
    await api('PUT', '/api/settings/self-service', { registrationEnabled: false }, admin);
    const res = await signUp({ email: 'late@startup.test' });
    expect(res.json()).toMatchObject({ code: 'REGISTRATION_CLOSED' });
  });
});

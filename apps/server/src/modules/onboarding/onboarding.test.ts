import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAdmin,
  createTestPortal,
  invitedCustomer,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-server.ts';
import { COMPLETE_COMPANY } from '../invoicing/company-settings.fixtures.ts';

/** The first-steps checklist: each step ticks itself from its own data, only then; admins only. */

let portal: TestPortal;
let smtp: TestSmtpServer;
let admin: string;

const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object, cookie = admin) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie } });
const checklist = async () => {
  const res = await call('GET', '/api/onboarding');
  expect(res.statusCode).toBe(200);
  return res.json() as { steps: { id: string; done: boolean }[]; complete: boolean };
};
const doneSteps = async () => (await checklist()).steps.filter((s) => s.done).map((s) => s.id);

const mailSettings = (transport: 'smtp' | 'log') => ({
  transport,
  host: '127.0.0.1',
  port: smtp.port,
  encryption: 'none',
  username: '',
  password: '',
  fromAddress: 'noreply@provider.test',
  fromName: 'vMSP Billing',
});

beforeAll(async () => {
  smtp = await startSmtpServer();
  portal = await createTestPortal();
  await createAdmin(portal);
  admin = await signIn(portal, 'admin@provider.test');
});

afterAll(async () => {
  await portal?.dispose();
  await smtp?.stop();
});

describe('GET /api/onboarding', () => {
  it('lists the five steps of a fresh install, none done, in the order they are done', async () => {
    expect(await checklist()).toEqual({
      steps: ['mail-server', 'company-data', 'price-table', 'payment-methods', 'first-customer'].map(
        (id) => ({
          id,
          done: false,
        }),
      ),
      complete: false,
    });
  });

  it('refuses anyone but an admin', async () => {
    expect((await portal.app.inject({ method: 'GET', url: '/api/onboarding' })).statusCode).toBe(401);
  });

  it('ticks the mail server only once a test mail reached an SMTP server', async () => {
    expect((await call('PUT', '/api/settings/mail', mailSettings('log'))).statusCode).toBe(200);
    expect((await call('POST', '/api/settings/mail/test', { to: 'ops@provider.test' })).json().ok).toBe(true);
    expect(await doneSteps()).toEqual([]);

    expect((await call('PUT', '/api/settings/mail', mailSettings('smtp'))).statusCode).toBe(200);
    expect(await doneSteps()).toEqual([]);
    expect((await call('POST', '/api/settings/mail/test', { to: 'ops@provider.test' })).json().ok).toBe(true);
    expect(await doneSteps()).toEqual(['mail-server']);
  });

  it('ticks the company data only when Settings → Company is complete', async () => {
    const half = { ...COMPLETE_COMPANY, iban: '', bic: '' };
    expect((await call('PUT', '/api/settings/company', half)).statusCode).toBe(200);
    expect(await doneSteps()).toEqual(['mail-server']);
    expect((await call('PUT', '/api/settings/company', COMPLETE_COMPANY)).statusCode).toBe(200);
    expect(await doneSteps()).toEqual(['mail-server', 'company-data']);
  });

  it('ticks the sales price table once one is saved', async () => {
    const saved = await call('PUT', '/api/price-table', {
      currency: 'EUR',
      basedOnVersion: null,
      ranges: [{ from: 1, to: 100, articleName: 'Protection', articleNumber: 'P-1', unitPrice: '1.50' }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await doneSteps()).toEqual(['mail-server', 'company-data', 'price-table']);
  });

  it('ticks the payment methods once an admin chose them, not by the defaults alone', async () => {
    const set = (method: string, active: boolean) =>
      call('PUT', `/api/payment-methods/${method}`, { active });
    expect((await set('project-key', false)).statusCode).toBe(200);
    expect(await doneSteps()).toContain('payment-methods');
    expect((await set('invoice', false)).statusCode).toBe(200);
    expect(await doneSteps()).not.toContain('payment-methods');
    expect((await set('invoice', true)).statusCode).toBe(200);
    expect(await doneSteps()).toEqual(['mail-server', 'company-data', 'price-table', 'payment-methods']);
  });

  it('ticks the first customer and is then complete for good; a customer may not read it', async () => {
    const customer = await invitedCustomer(portal, admin, {
      companyName: 'Blue Harbor Ltd',
      contactEmail: 'it@blue-harbor.test',
    });
    expect(await checklist()).toEqual({
      steps: expect.arrayContaining([{ id: 'first-customer', done: true }]),
      complete: true,
    });
    expect(await doneSteps()).toHaveLength(5);

    // A step undone later (mails only to the log now) does not bring the checklist back: the install is set up.
    expect((await call('PUT', '/api/settings/mail', mailSettings('log'))).statusCode).toBe(200);
    expect(await checklist()).toMatchObject({ complete: true });

    expect((await call('GET', '/api/onboarding', undefined, customer.cookie)).statusCode).toBe(403);
  });
});

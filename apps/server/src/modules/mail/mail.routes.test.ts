import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../../db/schema.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { SecretBox } from '../../lib/secret-box.ts';
import {
  createAdmin,
  createTestPortal,
  STRONG_PASSWORD,
  signIn,
  TEST_SECRET,
  type TestPortal,
} from '../../test/harness.ts';
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-server.ts';
import { loadMailSettings } from './mail-settings.ts';

const PASSWORD = 'smtp-pa$$word-7f3k';
const SMTP_USER = 'portal-mailer';

let portal: TestPortal;
let smtp: TestSmtpServer;
let admin: string;
let customer: string;

beforeAll(async () => {
  [portal, smtp] = await Promise.all([
    createTestPortal(),
    startSmtpServer({ auth: { user: SMTP_USER, pass: PASSWORD } }),
  ]);
  await createAdmin(portal, 'admin@provider.test');
  await createCustomerUser('user@customer.test');
  admin = await signIn(portal, 'admin@provider.test');
  customer = await signIn(portal, 'user@customer.test');
});
afterAll(async () => {
  await Promise.all([portal?.dispose(), smtp?.stop()]);
});

/** A customer's user who can sign in: the user needs a customer account behind it. */
async function createCustomerUser(email: string) {
  const now = portal.clock.now();
  const [customer] = await portal.connection.db
    .insert(customers)
    .values({
      companyName: 'Customer GmbH',
      street: 'Hauptstraße 1',
      postalCode: '10115',
      city: 'Berlin',
      country: 'DE',
      contactName: 'Cora Customer',
      contactEmail: email,
      serviceMode: 'managed',
      status: 'active',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await portal.services.users.create(portal.connection.db, {
    email,
    role: 'customer',
    status: 'active',
    customerId: customer!.id,
    passwordHash: await hashPassword(STRONG_PASSWORD),
  });
}

const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object, cookie = admin) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });
const save = (payload: object) => call('PUT', '/api/settings/mail', payload);
/** Each test mail a second later than the one before, so "newest first" has one right answer. */
const sendTest = (to = 'someone@example.test') => {
  portal.clock.advance(1_000);
  return call('POST', '/api/settings/mail/test', { to });
};
const mailLog = async (query = '') => (await call('GET', `/api/mails${query}`)).json();
const auditOf = async (objectType: string) =>
  portal.services.audit.list({ objectType, page: 1, pageSize: 100 }).then((p) => p.items);

const smtpSettings = (overrides: object = {}) => ({
  transport: 'smtp',
  host: '127.0.0.1',
  port: smtp.port,
  encryption: 'none',
  username: SMTP_USER,
  password: PASSWORD,
  fromAddress: 'noreply@provider.test',
  fromName: 'vMSP Billing',
  ...overrides,
});

/** The sealed password as stored, to prove it never leaves the server either. */
const storedCiphertext = async () => (await loadMailSettings(portal.connection.db)).passwordSealed;

describe('who may use the mail routes', () => {
  const routes = [
    ['GET', '/api/settings/mail', undefined],
    ['PUT', '/api/settings/mail', { transport: 'log' }],
    ['POST', '/api/settings/mail/test', { to: 'x@example.test' }],
    ['GET', '/api/mails', undefined],
    ['POST', '/api/mails/00000000-0000-4000-8000-000000000000/retry', undefined],
  ] as const;

  it.each(routes)('%s %s: 401 without a session, 403 for a customer user', async (method, url, payload) => {
    const anonymous = await call(method, url, payload, '');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'NOT_AUTHENTICATED' });
    const asCustomer = await call(method, url, payload, customer);
    expect(asCustomer.statusCode).toBe(403);
    expect(asCustomer.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(await portal.services.mail.getSettings()).toMatchObject({ transport: 'none' });
  });
});

describe('mail server settings', () => {
  it('defaults to no transport, port 587 and STARTTLS', async () => {
    const res = await call('GET', '/api/settings/mail');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      transport: 'none',
      host: '',
      port: 587,
      encryption: 'starttls',
      username: '',
      passwordSet: false,
      fromAddress: '',
      fromName: '',
    });
    expect(await portal.services.mail.isConfigured()).toBe(false);
  });

  it.each([
    ['port', { port: 0 }],
    ['port', { port: 70000 }],
    ['port', { port: 'abc' }],
    ['port', { port: 25.5 }],
    ['host', { host: 'bad host!' }],
    ['host', { host: '' }],
    ['fromAddress', { fromAddress: 'not-an-address' }],
    ['encryption', { encryption: 'ssl3' }],
    ['username', { username: '' }],
  ])('refuses a bad %s with a field error and saves nothing (%j)', async (field, bad) => {
    const res = await save(smtpSettings(bad));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field, message: expect.any(String) });
    expect(await portal.services.mail.getSettings()).toMatchObject({
      transport: 'none',
      host: '',
      passwordSet: false,
    });
    expect(await auditOf('settings')).toHaveLength(0);
  });

  it('refuses an unknown transport, naming the field', async () => {
    const res = await save({ transport: 'carrier-pigeon' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'transport' });
  });

  it('stores the password only sealed, and never sends it or its ciphertext back', async () => {
    const put = await save(smtpSettings());
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({
      transport: 'smtp',
      host: '127.0.0.1',
      port: smtp.port,
      encryption: 'none',
      username: SMTP_USER,
      passwordSet: true,
      fromAddress: 'noreply@provider.test',
      fromName: 'vMSP Billing',
    });
    const sealed = await storedCiphertext();
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(PASSWORD);
    expect(new SecretBox(TEST_SECRET).open(sealed!)).toBe(PASSWORD);

    const get = await call('GET', '/api/settings/mail');
    for (const body of [put.body, get.body]) {
      expect(body).not.toContain(PASSWORD);
      expect(body).not.toContain(sealed);
      expect(body).not.toContain('passwordSealed');
    }
  });

  it('keeps the stored password when none is sent, and removes it on an empty one', async () => {
    const before = await storedCiphertext();
    const { password: _omitted, ...withoutPassword } = smtpSettings({ fromName: 'Billing' });
    expect((await save(withoutPassword)).json()).toMatchObject({ passwordSet: true, fromName: 'Billing' });
    expect(await storedCiphertext()).toBe(before);
    expect((await save(smtpSettings({ password: null }))).json()).toMatchObject({ passwordSet: true });
    expect(await storedCiphertext()).toBe(before);

    expect((await save(smtpSettings({ password: '', username: '' }))).json()).toMatchObject({
      passwordSet: false,
      username: '',
    });
    expect(await storedCiphertext()).toBeNull();
    // Restore for the tests below.
    expect((await save(smtpSettings({ fromName: 'vMSP Billing' }))).json()).toMatchObject({
      passwordSet: true,
    });
  });

  it('audits every change without the password or its ciphertext', async () => {
    const entries = await auditOf('settings');
    expect(entries.length).toBeGreaterThanOrEqual(4);
    expect(entries.every((e) => e.action === 'mail-settings.changed' && e.objectId === 'mail')).toBe(true);
    const first = entries.at(-1)!;
    expect(first.before).toMatchObject({ transport: 'none', passwordSet: false });
    expect(first.after).toMatchObject({ transport: 'smtp', host: '127.0.0.1', passwordSet: true });
    const raw = (await call('GET', '/api/audit?objectType=settings&pageSize=100')).body;
    expect(raw).not.toContain(PASSWORD);
    expect(raw).not.toContain((await storedCiphertext())!);
  });
});

describe('test mail', () => {
  it('reaches the SMTP server from the configured sender and is logged', async () => {
    const res = await sendTest('Check@Example.test');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, error: null });
    expect(res.body).not.toContain(PASSWORD);
    expect(res.body).not.toContain((await storedCiphertext())!);

    const [received] = await smtp.waitFor(1);
    expect(received).toMatchObject({
      envelopeFrom: 'noreply@provider.test',
      to: ['check@example.test'],
      from: 'vMSP Billing <noreply@provider.test>',
      subject: 'Test mail from vMSP Portal',
    });
    expect(received!.text).toContain('the mail server settings work');
    expect(received!.html).toContain('<html lang="en">');

    const log = await mailLog();
    expect(log.items[0]).toMatchObject({
      to: 'check@example.test',
      template: 'test',
      status: 'sent',
      logOnly: false,
      attempts: 1,
      lastError: null,
    });
    expect(log.items[0].sentAt).toBe(portal.clock.now().toISOString());
    const audit = await auditOf('mail');
    expect(audit[0]).toMatchObject({
      action: 'mail.test-sent',
      objectId: log.items[0].id,
      after: { to: 'check@example.test', ok: true },
    });
  });

  it("returns the server's own error for wrong credentials, and logs the failure", async () => {
    await save(smtpSettings({ password: 'wrong password' }));
    const res = await sendTest();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: false, error: 'Invalid login: 535 5.7.8 Authentication failed' });
    expect(res.body).not.toContain('wrong password');
    const [failed] = (await mailLog('?status=failed')).items;
    expect(failed).toMatchObject({
      template: 'test',
      status: 'failed',
      lastError: 'Invalid login: 535 5.7.8 Authentication failed',
      sentAt: null,
    });
    expect((await auditOf('mail'))[0]).toMatchObject({ action: 'mail.test-sent', after: { ok: false } });
    await save(smtpSettings());
  });

  it('reports a server that does not answer', async () => {
    const gone = await startSmtpServer();
    await gone.stop();
    await save(smtpSettings({ port: gone.port }));
    const res = (await sendTest()).json();
    expect(res.ok).toBe(false);
    expect(res.error).toContain('ECONNREFUSED');
    await save(smtpSettings());
  });

  it("is written in the admin's language", async () => {
    const received = smtp.messages.length;
    await portal.app.inject({
      method: 'PUT',
      url: '/api/session/locale',
      payload: { locale: 'de' },
      headers: { cookie: admin },
    });
    expect((await sendTest()).json()).toEqual({ ok: true, error: null });
    const mail = (await smtp.waitFor(received + 1))[received]!;
    expect(mail.subject).toBe('Testnachricht vom vMSP Portal');
    expect(mail.text).toContain('funktionieren die Einstellungen des Mailservers');
    await portal.app.inject({
      method: 'PUT',
      url: '/api/session/locale',
      payload: { locale: 'en' },
      headers: { cookie: admin },
    });
  });

  it('only records it with the log-only transport', async () => {
    const received = smtp.messages.length;
    expect((await save({ transport: 'log' })).json()).toMatchObject({
      transport: 'log',
      host: '127.0.0.1',
      passwordSet: true,
    });
    expect((await sendTest('dev@example.test')).json()).toEqual({ ok: true, error: null });
    expect((await mailLog()).items[0]).toMatchObject({
      to: 'dev@example.test',
      status: 'sent',
      logOnly: true,
    });
    // The log-only test mail was answered at once without a connection; a real one sent now through
    // SMTP is then the only mail the server got since.
    await save(smtpSettings());
    expect((await sendTest('after-log-only@example.test')).json()).toEqual({ ok: true, error: null });
    expect(smtp.messages.slice(received).flatMap((m) => m.to)).toEqual(['after-log-only@example.test']);
  });

  it('is refused while no transport is configured', async () => {
    await save({ transport: 'none' });
    const res = await sendTest();
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'MAIL_NOT_CONFIGURED',
      message: expect.stringContaining('Settings → Mail Server'),
    });
    expect(await portal.services.mail.isConfigured()).toBe(false);
  });
});

describe('Mail Log', () => {
  it('lists newest first, filters by status, and pages', async () => {
    await save(smtpSettings());
    await sendTest('newest@example.test');
    const all = await mailLog('?pageSize=2');
    expect(all.total).toBe(7);
    expect(all.items).toHaveLength(2);
    expect(all.items[0].to).toBe('newest@example.test');
    expect((await mailLog('?page=3&pageSize=2')).items).toHaveLength(2);
    const failed = await mailLog('?status=failed');
    expect(failed.total).toBe(2);
    expect(failed.items.every((m: { status: string }) => m.status === 'failed')).toBe(true);
    expect((await call('GET', '/api/mails?status=lost')).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'status',
    });
  });

  it('searches by part of the recipient or the subject, in any case, with % and _ taken literally', async () => {
    const byRecipient = await mailLog('?q=NEWEST%40EXAMPLE');
    expect(byRecipient.items.map((m: { to: string }) => m.to)).toEqual(['newest@example.test']);
    const subject: string = byRecipient.items[0].subject;
    const part = subject.slice(1, -1).toUpperCase();
    const bySubject = await mailLog(`?q=${encodeURIComponent(part)}`);
    expect(bySubject.total).toBeGreaterThan(0);
    for (const mail of bySubject.items) expect(mail.subject.toUpperCase()).toContain(part);
    expect((await mailLog('?q=%25')).total).toBe(0);
    expect((await mailLog('?q=newest%40example&status=failed')).total).toBe(0);
    expect((await call('GET', `/api/mails?q=${'x'.repeat(201)}`)).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'q',
      rule: 'too-long',
      limit: 200,
    });
  });

  it('retries only failed mails', async () => {
    const sent = (await mailLog('?status=sent')).items[0];
    const res = await call('POST', `/api/mails/${sent.id}/retry`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'MAIL_NOT_RETRYABLE' });
    const unknown = await call('POST', '/api/mails/00000000-0000-4000-8000-000000000000/retry');
    expect(unknown.statusCode).toBe(404);
    expect((await call('POST', '/api/mails/not-a-uuid/retry')).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'id',
    });
  });
});

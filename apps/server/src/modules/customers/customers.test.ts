import { CustomerExportRecord } from '@vmsp/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import {
  acceptInvitation,
  createAdmin,
  createTestPortal,
  mailedToken,
  STRONG_PASSWORD,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';
import { insertCustomers } from './customers.repository.ts';

let portal: TestPortal;

const INVITATION = { template: 'customer-invite', page: 'invitation' };
let admin: string;

const address = { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' };
const newCustomer = (overrides: object = {}) => ({
  companyName: 'Acme Security GmbH',
  address,
  contactName: 'Erika Mustermann',
  contactEmail: 'erika@acme.test',
  serviceMode: 'managed',
  ...overrides,
});

const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, cookie = admin) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

const countCustomers = async () =>
  (await queryRows<{ n: number }>(portal.connection.db, sql`select count(*)::int as n from customers`))[0]?.n;

/** The invitation link of the newest mail to the address, as the contact would click it. */
const invitationToken = (to: string) => mailedToken(portal, to, INVITATION);

const register = (email: string) => acceptInvitation(portal, email, INVITATION);

async function create(
  overrides: object = {},
): Promise<{ id: string; version: number; status: string; serviceMode: string }> {
  const res = await api('POST', '/api/customers', newCustomer(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  admin = await signIn(portal, 'admin@provider.test');
});
afterAll(() => portal.dispose());

describe('creating a customer (R-3.1)', () => {
  it('is refused without a mail transport, and nothing is created', async () => {
    const res = await api('POST', '/api/customers', newCustomer());
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'MAIL_NOT_CONFIGURED',
      message: expect.stringContaining('Settings → Mail Server'),
    });
    expect(await countCustomers()).toBe(0);
  });

  it('refuses a Self-Service customer while self-service is disabled', async () => {
    expect(
      (await api('PUT', '/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' }))
        .statusCode,
    ).toBe(200);
    const res = await api('POST', '/api/customers', newCustomer({ serviceMode: 'self-service' }));
    expect(res.json()).toMatchObject({ code: 'SELF_SERVICE_DISABLED', field: 'serviceMode' });
    expect(await countCustomers()).toBe(0);
    expect((await api('PUT', '/api/settings/self-service', { registrationEnabled: true })).statusCode).toBe(
      200,
    );
  });

  it('creates an invited customer and queues the invitation mail', async () => {
    const c = await create();
    expect(c).toMatchObject({
      status: 'invited',
      serviceMode: 'managed',
      ipsInternal: 0,
      ipsExternal: 0,
      paymentMethod: 'free',
      averageIpPrice: null,
    });
    expect(await invitationToken('erika@acme.test')).toBeTruthy();
    // In log-only mode the Mail Log is where an admin reads the link.
    const [logged] = (await api('GET', '/api/mails')).json().items;
    expect(logged).toMatchObject({ to: 'erika@acme.test', template: 'customer-invite', logOnly: false });
    const message = (await api('GET', `/api/mails/${logged.id}`)).json();
    expect(message.text).toContain('/invitation?token=');
  });

  it.each([
    [{ contactEmail: 'ERIKA@acme.test' }, 'contactEmail', 'EMAIL_TAKEN'],
    [{ companyName: '' }, 'companyName', 'VALIDATION_FAILED'],
    [{ contactEmail: 'not-an-address' }, 'contactEmail', 'VALIDATION_FAILED'],
    [{ address: { ...address, country: 'AT' }, contactEmail: 'a@at.test' }, 'vatId', 'VAT_ID_REQUIRED'],
    [
      { address: { ...address, country: 'AT' }, contactEmail: 'a@at.test', vatId: 'ATU1234567' },
      'vatId',
      'VAT_ID_INVALID',
    ],
    [
      { address: { ...address, country: 'AT' }, contactEmail: 'a@at.test', vatId: 'DE136695976' },
      'vatId',
      'VAT_ID_COUNTRY_MISMATCH',
    ],
    [{ vatId: 'DE136695975' }, 'vatId', 'VAT_ID_INVALID'],
    [{ address: { ...address, postalCode: ' ' } }, 'address.postalCode', 'VALIDATION_FAILED'],
  ])('refuses %o with a field error on %s and saves nothing', async (overrides, field, code) => {
    const before = await countCustomers();
    const res = await api(
      'POST',
      '/api/customers',
      newCustomer({ contactEmail: 'other@acme.test', ...overrides }),
    );
    expect(res.json()).toMatchObject({ code, field });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(await countCustomers()).toBe(before);
  });
});

describe('invitation, resend and sign-in', () => {
  it('a resent invitation kills the first link; the second registers the contact, who lands signed in', async () => {
    const c = await create({ companyName: 'Beta AG', contactEmail: 'bob@beta.test' });
    const first = await invitationToken('bob@beta.test');
    portal.clock.advance(60_000); // so that "newest mail" is unambiguous
    expect((await api('POST', `/api/customers/${c.id}/resend-invitation`)).statusCode).toBe(200);
    const second = await invitationToken('bob@beta.test');
    expect(second).not.toBe(first);
    expect((await api('GET', `/api/invitations/${first}`, undefined, '')).json()).toMatchObject({
      code: 'TOKEN_INVALID',
    });
    expect((await api('GET', `/api/invitations/${second}`, undefined, '')).json()).toEqual({
      email: 'bob@beta.test',
      companyName: 'Beta AG',
    });

    const weak = await api(
      'POST',
      '/api/invitations/accept',
      { token: second, password: 'beta ag 2026', passwordConfirmation: 'beta ag 2026' },
      '',
    );
    expect(weak.json()).toMatchObject({ code: 'WEAK_PASSWORD', field: 'password' });

    const customerCookie = await register('bob@beta.test');
    expect((await api('GET', '/api/session', undefined, customerCookie)).json()).toMatchObject({
      user: { role: 'customer', customerId: c.id },
    });
    expect((await api('GET', '/api/portal/company', undefined, customerCookie)).json()).toMatchObject({
      companyName: 'Beta AG',
      address,
    });
    expect((await api('GET', `/api/customers/${c.id}`)).json()).toMatchObject({
      status: 'inactive',
      actions: [
        'ip-distribution',
        'details',
        'add-project-key',
        'edit-address',
        'change-main-user',
        'delete',
      ],
    });

    const reused = await api(
      'POST',
      '/api/invitations/accept',
      { token: second, password: STRONG_PASSWORD, passwordConfirmation: STRONG_PASSWORD },
      '',
    );
    expect(reused.json()).toMatchObject({ code: 'TOKEN_INVALID' });
    expect((await api('POST', `/api/customers/${c.id}/resend-invitation`)).json()).toMatchObject({
      code: 'ACTION_NOT_APPLICABLE',
    });
    expect((await signIn(portal, 'bob@beta.test')).startsWith('vmsp_session=')).toBe(true);
  });

  it('an expired invitation link is dead', async () => {
    await create({ companyName: 'Gamma KG', contactEmail: 'gina@gamma.test' });
    const token = await invitationToken('gina@gamma.test');
    portal.clock.advance(7 * 86_400_000 + 1);
    expect((await api('GET', `/api/invitations/${token}`, undefined, '')).json()).toMatchObject({
      code: 'TOKEN_INVALID',
    });
    admin = await signIn(portal, 'admin@provider.test');
  });
});

describe('an invitation into an account that is locked or being deleted', () => {
  /** What accepting may change: the user, its link, its sessions, the customer row, the audit log. */
  const footprint = async (email: string, customerId: string) =>
    queryRows(
      portal.connection.db,
      sql`select u.status, u.password_hash is null as no_password,
                 (select count(*)::int from sessions s where s.user_id = u.id) as sessions,
                 (select count(*)::int from one_time_tokens t where t.user_id = u.id and t.used_at is null) as open_links,
                 c.status as customer_status, c.registered_at, c.version,
                 (select count(*)::int from audit_log a where a.object_id = ${customerId}) as audit_entries
          from users u join customers c on c.id = u.customer_id where u.email = ${email}`,
    );
  const accept = (token: string) =>
    api(
      'POST',
      '/api/invitations/accept',
      { token, password: STRONG_PASSWORD, passwordConfirmation: STRONG_PASSWORD },
      '',
    );

  it('of a locked customer is refused with ACCOUNT_LOCKED and changes nothing; after unlocking it works', async () => {
    const c = await create({ companyName: 'Locked Invite GmbH', contactEmail: 'lia@locked.test' });
    const token = await invitationToken('lia@locked.test');
    const locked = await api('PUT', `/api/customers/${c.id}/locked`, { locked: true, version: c.version });
    expect(locked.statusCode, locked.body).toBe(200);
    const before = await footprint('lia@locked.test', c.id);

    const info = await api('GET', `/api/invitations/${token}`, undefined, '');
    expect(info.statusCode).toBe(403);
    expect(info.json()).toMatchObject({ code: 'ACCOUNT_LOCKED', message: expect.stringContaining('locked') });
    const refused = await accept(token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(refused.headers['set-cookie']).toBeUndefined();
    expect(await footprint('lia@locked.test', c.id)).toEqual(before);

    const unlocked = await api('PUT', `/api/customers/${c.id}/locked`, { locked: false });
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    const accepted = await accept(token);
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it('of a customer being deleted is refused with ACCOUNT_DELETING and changes nothing', async () => {
    const c = await create({ companyName: 'Leaving Invite GmbH', contactEmail: 'leo@leaving.test' });
    const token = await invitationToken('leo@leaving.test');
    // Deleting a customer that never registered removes it at once, so no admin action leaves an invited
    // contact in an account being deleted today; the refusal holds whatever leads there.
    await queryRows(
      portal.connection.db,
      sql`update customers set deletion_requested_at = now(), purge_at = now() + interval '1 hour',
          status = 'deleting' where id = ${c.id}`,
    );
    const before = await footprint('leo@leaving.test', c.id);

    const info = await api('GET', `/api/invitations/${token}`, undefined, '');
    expect(info.statusCode).toBe(403);
    expect(info.json()).toMatchObject({
      code: 'ACCOUNT_DELETING',
      message: expect.stringContaining('being deleted'),
    });
    const refused = await accept(token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ACCOUNT_DELETING' });
    expect(refused.headers['set-cookie']).toBeUndefined();
    expect(await footprint('leo@leaving.test', c.id)).toEqual(before);
  });

  it('a self-registered contact of a locked customer cannot confirm the e-mail address either', async () => {
    expect((await api('PUT', '/api/settings/self-service', { registrationEnabled: true })).statusCode).toBe(
      200,
    );
    const signUp = await api(
      'POST',
      '/api/sign-up',
      {
        email: 'vera@verify.test',
        password: STRONG_PASSWORD,
        passwordConfirmation: STRONG_PASSWORD,
        companyName: 'Verify Later GmbH',
        contactName: 'Vera Verify',
        address,
        acceptTerms: true,
      },
      '',
    );
    expect(signUp.statusCode, signUp.body).toBeLessThan(300);
    const [mail] = await queryRows<{ text: string }>(
      portal.connection.db,
      sql`select text from mails where to_address = 'vera@verify.test' and template = 'email-verification'`,
    );
    const token = decodeURIComponent(mail?.text.match(/\?token=([A-Za-z0-9_%-]+)/)?.[1] ?? '');
    const [row] = await queryRows<{ id: string; version: number }>(
      portal.connection.db,
      sql`select id, version from customers where contact_email = 'vera@verify.test'`,
    );
    const id = row?.id ?? '';
    expect(
      (await api('PUT', `/api/customers/${id}/locked`, { locked: true, version: row?.version })).statusCode,
    ).toBe(200);
    const before = await footprint('vera@verify.test', id);
    const refused = await api('POST', '/api/sign-up/verify', { token }, '');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(refused.headers['set-cookie']).toBeUndefined();
    expect(await footprint('vera@verify.test', id)).toEqual(before);
  });

  it('waits for the customer row before it holds the link: with a resend at the same moment, no deadlock', async () => {
    // On a PostgreSQL server only: PGlite is one connection that runs transactions one at a time.
    if (portal.connection.kind !== 'postgres') return;
    const c = await create({ companyName: 'Racing Invite GmbH', contactEmail: 'rita@racing.test' });
    const token = await invitationToken('rita@racing.test');
    const db = portal.connection.db;
    const waitingForLocks = async (n: number) => {
      for (let waited = 0; ; waited += 20) {
        const [row] = await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if ((row?.n ?? 0) >= n) return;
        if (waited > 60_000) throw new Error(`fewer than ${n} requests waited for a lock`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    // The resend queues for the customer row first, the acceptance behind it. Taking the link before the row
    // (the old order) let the acceptance hold the link the resend then had to replace: each waited for the
    // other until PostgreSQL broke the deadlock with an error.
    const { resend, accepted } = await db.transaction(async (tx) => {
      await tx.execute(sql`select id from customers where id = ${c.id} for update`);
      const resend = api('POST', `/api/customers/${c.id}/resend-invitation`);
      await waitingForLocks(1);
      const accepted = accept(token);
      await waitingForLocks(2);
      return { resend, accepted };
    });
    const [resent, taken] = await Promise.all([resend, accepted]);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(taken.statusCode, taken.body).toBe(400);
    expect(taken.json()).toMatchObject({ code: 'TOKEN_INVALID' });
    // The resent mail is the one whose link is not the old one (both mails carry the same clock instant).
    const links = await queryRows<{ text: string }>(
      db,
      sql`select text from mails where to_address = 'rita@racing.test' and template = 'customer-invite'`,
    );
    const renewed = links
      .map((mail) => decodeURIComponent(mail.text.match(/\/invitation\?token=([A-Za-z0-9_%-]+)/)?.[1] ?? ''))
      .find((link) => link && link !== token);
    expect(renewed, 'a renewed link was mailed').toBeDefined();
    expect((await accept(renewed ?? '')).statusCode, 'the renewed link still works').toBe(200);
  });
});

describe('convert, lock, address', () => {
  it('converts a self-service customer to managed, irreversibly', async () => {
    const c = await create({
      companyName: 'Selfie GmbH',
      contactEmail: 'sam@selfie.test',
      serviceMode: 'self-service',
    });
    expect((await api('GET', `/api/customers/${c.id}`)).json().actions).toContain('convert-to-managed');
    const converted = await api('POST', `/api/customers/${c.id}/convert-to-managed`, {});
    expect(converted.json()).toMatchObject({ serviceMode: 'managed' });
    expect(converted.json().actions).not.toContain('convert-to-managed');
    expect((await api('POST', `/api/customers/${c.id}/convert-to-managed`, {})).json()).toMatchObject({
      code: 'ACTION_NOT_APPLICABLE',
    });
    for (const [method, url, body] of [
      ['POST', `/api/customers/${c.id}/convert-to-self-service`, {}],
      ['PUT', `/api/customers/${c.id}`, { serviceMode: 'self-service' }],
      ['PUT', `/api/customers/${c.id}/address`, { address, serviceMode: 'self-service' }],
    ] as const) {
      await api(method, url, body);
    }
    expect((await api('GET', `/api/customers/${c.id}`)).json()).toMatchObject({ serviceMode: 'managed' });
  });

  it('locking ends the users’ sessions at once and refuses sign-in with a reason; unlocking restores it', async () => {
    const c = await create({ companyName: 'Lockable Ltd', contactEmail: 'lee@lock.test' });
    const userCookie = await register('lee@lock.test');
    const locked = await api('PUT', `/api/customers/${c.id}/locked`, { locked: true });
    expect(locked.json()).toMatchObject({ status: 'locked', locked: true });
    expect((await api('GET', '/api/portal/company', undefined, userCookie)).statusCode).toBe(401);
    const refused = await api(
      'POST',
      '/api/session',
      { email: 'lee@lock.test', password: STRONG_PASSWORD },
      '',
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect((await api('PUT', `/api/customers/${c.id}/locked`, { locked: false })).json()).toMatchObject({
      status: 'inactive',
      locked: false,
    });
    await signIn(portal, 'lee@lock.test');
  });

  it('a change based on a stale version is refused with a conflict and changes nothing', async () => {
    const c = await create({ companyName: 'Race GmbH', contactEmail: 'ray@race.test' });
    expect(
      (await api('PUT', `/api/customers/${c.id}/locked`, { locked: true, version: c.version })).statusCode,
    ).toBe(200);
    const stale = await api('PUT', `/api/customers/${c.id}/locked`, { locked: false, version: c.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CONFLICT' });
    expect((await api('GET', `/api/customers/${c.id}`)).json()).toMatchObject({ locked: true });
  });

  it('edits a managed customer’s address with VAT-ID and billing address; refuses bad VAT-IDs and self-service customers', async () => {
    const c = await create({ companyName: 'Wien IT GmbH', contactEmail: 'wanda@wien.test' });
    const at = { street: 'Ring 1', postalCode: '1010', city: 'Wien', country: 'AT' };
    const missing = await api('PUT', `/api/customers/${c.id}/address`, { address: at });
    expect(missing.json()).toMatchObject({ code: 'VAT_ID_REQUIRED', field: 'vatId' });
    const ok = await api('PUT', `/api/customers/${c.id}/address`, {
      address: at,
      vatId: 'atu 1358 5627',
      billingAddress: address,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ address: at, vatId: 'ATU13585627', billingAddress: address });
    const audit = await portal.services.audit.list({
      objectType: 'customer',
      objectId: c.id,
      page: 1,
      pageSize: 10,
    });
    expect(audit.items[0]).toMatchObject({
      action: 'customer.address-changed',
      before: { address },
      after: { address: at },
    });

    const self = await create({
      companyName: 'Own Way GmbH',
      contactEmail: 'olga@own.test',
      serviceMode: 'self-service',
    });
    expect((await api('PUT', `/api/customers/${self.id}/address`, { address })).json()).toMatchObject({
      code: 'ACTION_NOT_APPLICABLE',
    });
  });
});

describe('the Billing list and the export (R-2.1, R-2.3, R-2.4)', () => {
  it('filters, searches, sorts and pages on the server, and the export returns exactly the filtered set', async () => {
    const all = (await api('GET', '/api/customers?pageSize=200')).json();
    expect(all.total).toBe(all.items.length);
    const query = 'status=invited,inactive&serviceMode=managed&q=GMBH&sort=companyName&dir=desc';
    const page1 = (await api('GET', `/api/customers?${query}&pageSize=2&page=1`)).json();
    const page2 = (await api('GET', `/api/customers?${query}&pageSize=2&page=2`)).json();
    const expected = all.items
      .filter(
        (c: { status: string; serviceMode: string; companyName: string; contactEmail: string }) =>
          ['invited', 'inactive'].includes(c.status) &&
          c.serviceMode === 'managed' &&
          `${c.companyName} ${c.contactEmail}`.toLowerCase().includes('gmbh'),
      )
      .map((c: { companyName: string }) => c.companyName)
      .sort((a: string, b: string) => b.toLowerCase().localeCompare(a.toLowerCase()));
    expect(expected.length).toBeGreaterThan(2);
    expect(page1.total).toBe(expected.length);
    expect([...page1.items, ...page2.items].map((c: { companyName: string }) => c.companyName)).toEqual(
      expected.slice(0, 4),
    );

    const exported = await api('GET', `/api/customers/export?${query}`);
    expect(exported.headers['content-disposition']).toMatch(
      /^attachment; filename="customers-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const body = exported.json() as { id: string; companyName: string; address: object; createdAt: string }[];
    expect(body.map((c) => c.companyName).sort()).toEqual([...expected].sort());
    for (const record of body) CustomerExportRecord.parse(record);
  });

  it('exports a set larger than one query batch completely, once each, in name and id order', async () => {
    // Names equal but for case, so the order within a name rests on the id, and one name spans batches.
    const names = ['Batch Export A', 'BATCH EXPORT A', 'batch export b', 'Batch Export B'];
    const now = new Date();
    const rows = Array.from({ length: 2345 }, (_, i) => ({
      companyName: names[i % names.length] ?? 'Batch Export A',
      ...address,
      contactName: 'Erika Mustermann',
      contactEmail: `contact${i}@batch-export.test`,
      serviceMode: 'managed' as const,
      status: 'invited' as const,
      createdAt: now,
      updatedAt: now,
    }));
    const inserted = await insertCustomers(portal.connection.db, rows);
    const expected = inserted
      .map((c) => ({ name: c.companyName.toLowerCase(), id: c.id }))
      .sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1))
      .map((c) => c.id);

    const exported = await api('GET', '/api/customers/export?q=batch-export.test');
    expect(exported.statusCode).toBe(200);
    const body = exported.json() as { id: string }[];
    expect(body.map((c) => c.id)).toEqual(expected);
    for (const record of body) CustomerExportRecord.parse(record);
  });

  it('refuses an unknown filter value and sort key with the field named', async () => {
    expect((await api('GET', '/api/customers?status=asleep')).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'status.0',
    });
    expect((await api('GET', '/api/customers?sort=shoeSize')).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'sort',
    });
  });
});

describe('authorization (R-8.2)', () => {
  it('customer users reach no admin endpoint and nothing of another customer; anonymous callers nothing private', async () => {
    const a = await create({ companyName: 'Matrix A GmbH', contactEmail: 'main@a.test' });
    const b = await create({ companyName: 'Matrix B GmbH', contactEmail: 'main@b.test' });
    const userA = await register('main@a.test');
    const userB = await register('main@b.test');
    const adminEndpoints: [string, string, object?][] = [
      ['GET', '/api/customers'],
      ['GET', '/api/customers/export'],
      ['POST', '/api/customers', newCustomer({ contactEmail: 'x@x.test' })],
      ['GET', `/api/customers/${a.id}`],
      ['GET', `/api/customers/${b.id}`],
      ['POST', `/api/customers/${a.id}/resend-invitation`],
      ['POST', `/api/customers/${a.id}/convert-to-managed`, {}],
      ['PUT', `/api/customers/${a.id}/locked`, { locked: true }],
      ['PUT', `/api/customers/${a.id}/address`, { address }],
      ['GET', '/api/admins'],
      ['POST', '/api/admins', { email: 'evil@x.test' }],
      ['GET', '/api/audit'],
      ['GET', '/api/settings/mail'],
      ['PUT', '/api/settings/mail', { transport: 'none' }],
      ['GET', '/api/mails'],
      ['GET', `/api/mails/${(await api('GET', '/api/mails')).json().items[0].id}`],
    ];
    for (const cookie of [userA, userB]) {
      for (const [method, url, body] of adminEndpoints) {
        const res = await api(method as 'GET', url, body, cookie);
        expect([401, 403], `${method} ${url}`).toContain(res.statusCode);
      }
    }
    for (const [method, url, body] of adminEndpoints) {
      expect((await api(method as 'GET', url, body, '')).statusCode, `${method} ${url}`).toBe(401);
    }
    expect((await api('GET', '/api/portal/company', undefined, '')).statusCode).toBe(401);
    expect((await api('GET', '/api/portal/company', undefined, admin)).statusCode).toBe(403);
    expect((await api('GET', '/api/portal/company', undefined, userA)).json()).toMatchObject({
      companyName: 'Matrix A GmbH',
    });
    expect((await api('GET', '/api/portal/company', undefined, userB)).json()).toMatchObject({
      companyName: 'Matrix B GmbH',
    });

    // A locked user of A reaches nothing at all, not even their own company.
    await api('PUT', `/api/customers/${a.id}/locked`, { locked: true });
    for (const [method, url, body] of [
      ...adminEndpoints,
      ['GET', '/api/portal/company'] as [string, string],
    ]) {
      expect((await api(method as 'GET', url, body, userA)).statusCode, `${method} ${url}`).toBe(401);
    }
    expect((await api('GET', '/api/portal/company', undefined, userB)).statusCode).toBe(200);
  });
});

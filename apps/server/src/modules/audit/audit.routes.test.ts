import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import { ManualClock } from '../../lib/clock.ts';
import {
  createAdmin,
  createTestPortal,
  STRONG_PASSWORD,
  sessionCookieOf,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';
import { insertAuditRows } from './audit.repository.ts';

/*
 * The Audit Log: filtered by action, customer, admin and days of the billing calendar (Europe/Berlin),
 * each entry naming its object; the filtered entries as CSV; admins only. Two admins act on two customers
 * around midnight in Berlin, which is 22:00 UTC in May: the days are Berlin's, not UTC's.
 */

let portal: TestPortal;
let ops: string;
let other: string;
let opsId: string;
let otherId: string;
let blue: string;
let grey: string;
let contactCookie: string;
let contactId: string;

type Method = 'GET' | 'PUT' | 'POST';
const call = (cookie: string, method: Method, url: string, payload?: object) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

async function ok(cookie: string, method: Method, url: string, payload?: object) {
  const res = await call(cookie, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res;
}

interface Entry {
  action: string;
  actorEmail: string | null;
  objectType: string;
  objectId: string | null;
  objectName: string | null;
}

async function entries(query: string): Promise<Entry[]> {
  const res = await ok(ops, 'GET', `/api/audit?pageSize=200&${query}`);
  return res.json().items.map((e: Entry) => ({
    action: e.action,
    actorEmail: e.actorEmail,
    objectType: e.objectType,
    objectId: e.objectId,
    objectName: e.objectName,
  }));
}
const actionsOf = async (query: string) => (await entries(query)).map((e) => e.action);

const address = { street: 'Kai 1', postalCode: '20457', city: 'Hamburg', country: 'DE' };
const password = { password: STRONG_PASSWORD, passwordConfirmation: STRONG_PASSWORD };

/** The token of the newest mail of the template to the address, as its reader would click it. */
async function mailedToken(to: string, template: string): Promise<string> {
  const [mail] = await queryRows<{ text: string }>(
    portal.connection.db,
    sql`select text from mails where to_address = ${to} and template = ${template} order by created_at desc, id desc limit 1`,
  );
  return decodeURIComponent(mail?.text.match(/\?token=([A-Za-z0-9_%-]+)/)?.[1] ?? '');
}

async function newCustomer(companyName: string, contactEmail: string): Promise<string> {
  const res = await ok(ops, 'POST', '/api/customers', {
    companyName,
    address,
    contactName: 'Contact',
    contactEmail,
    serviceMode: 'managed',
  });
  return res.json().id;
}

beforeAll(async () => {
  // Sessions outlive the clock's jumps over two days.
  portal = await createTestPortal({
    clock: new ManualClock('2026-05-11T08:00:00Z'),
    env: { SESSION_IDLE_MINUTES: '10000', SESSION_ABSOLUTE_HOURS: '1000' },
  });
  opsId = (await createAdmin(portal, 'ops@example.com')).id;
  otherId = (await createAdmin(portal, 'other@example.com')).id;
  ops = await signIn(portal, 'ops@example.com');
  other = await signIn(portal, 'other@example.com');
  await ok(ops, 'PUT', '/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' });
  blue = await newCustomer('Blue Harbor Ltd', 'contact@blue.test');
  grey = await newCustomer('Grey Dock AG', 'contact@grey.test');
  // Grey Dock's contact registers (a customer user, refused the log); Blue Harbor's resets its password.
  contactCookie = sessionCookieOf(
    await ok('', 'POST', '/api/invitations/accept', {
      token: await mailedToken('contact@grey.test', 'customer-invite'),
      ...password,
    }),
  );
  contactId = (
    await ok('', 'POST', '/api/invitations/accept', {
      token: await mailedToken('contact@blue.test', 'customer-invite'),
      ...password,
    })
  ).json().user.id;
  await ok('', 'POST', '/api/password-reset', { email: 'contact@blue.test' });
  await ok('', 'POST', '/api/password-reset/complete', {
    token: await mailedToken('contact@blue.test', 'password-reset'),
    ...password,
  });

  // 00:30 on 12 May in Berlin (still 11 May in UTC).
  portal.clock.set('2026-05-11T22:30:00Z');
  await ok(ops, 'PUT', `/api/customers/${blue}/locked`, { locked: true });
  // 23:59:59 on 12 May in Berlin.
  portal.clock.set('2026-05-12T21:59:59Z');
  await ok(other, 'PUT', `/api/customers/${blue}/address`, { address: { ...address, street: 'Pier 7' } });
  // Midnight: 13 May in Berlin.
  portal.clock.set('2026-05-12T22:00:00Z');
  await ok(ops, 'PUT', `/api/customers/${grey}/address`, { address: { ...address, street: 'Dock 3' } });
}, 120_000);
afterAll(() => portal.dispose());

describe('GET /api/audit', () => {
  it('filters by action, and names each object', async () => {
    expect(await entries('action=customer.address-changed')).toEqual([
      {
        action: 'customer.address-changed',
        actorEmail: 'ops@example.com',
        objectType: 'customer',
        objectId: grey,
        objectName: 'Grey Dock AG',
      },
      {
        action: 'customer.address-changed',
        actorEmail: 'other@example.com',
        objectType: 'customer',
        objectId: blue,
        objectName: 'Blue Harbor Ltd',
      },
    ]);
    expect(await entries(`action=admin.invited`)).toEqual([]);
  });

  it("filters by customer: its own entries and its users', named", async () => {
    const about = await entries(`customerId=${blue}`);
    expect(about.map((e) => [e.action, e.objectName])).toEqual([
      ['customer.address-changed', 'Blue Harbor Ltd'],
      ['customer.locked', 'Blue Harbor Ltd'],
      ['user.password-reset', 'contact@blue.test'],
      ['customer.registered', 'Blue Harbor Ltd'],
      ['customer.created', 'Blue Harbor Ltd'],
    ]);
    expect(about.find((e) => e.action === 'user.password-reset')?.objectId).toBe(contactId);
  });

  it('filters by admin', async () => {
    expect(await actionsOf(`actorId=${otherId}`)).toEqual(['customer.address-changed', 'session.signed-in']);
    expect(await actionsOf(`actorId=${opsId}&action=customer.created`)).toEqual([
      'customer.created',
      'customer.created',
    ]);
  });

  it('filters by days of the billing calendar, both included', async () => {
    expect(await actionsOf('from=2026-05-12&to=2026-05-12')).toEqual([
      'customer.address-changed',
      'customer.locked',
    ]);
    expect((await entries('from=2026-05-13')).map((e) => [e.action, e.objectName])).toEqual([
      ['customer.address-changed', 'Grey Dock AG'],
    ]);
    expect(await actionsOf('to=2026-05-11&action=customer.locked')).toEqual([]);
  });

  it('combines the filters', async () => {
    const query = `customerId=${blue}&actorId=${opsId}&action=customer.locked&from=2026-05-12&to=2026-05-13`;
    expect(await entries(query)).toEqual([expect.objectContaining({ objectId: blue })]);
    expect(await entries(`customerId=${grey}&actorId=${otherId}`)).toEqual([]);
  });

  it('names objects the portal no longer has from what the entry recorded', async () => {
    const gone = randomUUID();
    await insertAuditRows(portal.connection.db, [
      {
        at: new Date('2026-05-01T10:00:00Z'),
        action: 'invoice.issued',
        objectType: 'invoice',
        objectId: gone,
        after: { number: 'RE-2026-000042' },
      },
      {
        at: new Date('2026-05-01T10:00:00Z'),
        action: 'customer.purged',
        objectType: 'customer',
        objectId: gone,
        after: { billingRecordKept: false },
      },
    ]);
    expect(await entries(`objectId=${gone}`)).toEqual([
      expect.objectContaining({ action: 'customer.purged', objectName: null }),
      expect.objectContaining({ action: 'invoice.issued', objectName: 'RE-2026-000042' }),
    ]);
  });

  it('counts up to 10,000 and says when the total is a lower bound', async () => {
    const at = new Date('2026-01-01T00:00:00Z');
    await insertAuditRows(
      portal.connection.db,
      Array.from({ length: 10_001 }, (_, i) => ({
        at,
        action: 'subscription.repriced',
        objectType: 'customer',
        objectId: `bulk-${i}`,
      })),
    );
    const many = (await ok(ops, 'GET', '/api/audit?action=subscription.repriced&pageSize=1')).json();
    expect([many.total, many.totalIsLowerBound, many.items.length]).toEqual([10_000, true, 1]);
    const few = (await ok(ops, 'GET', '/api/audit?action=customer.locked')).json();
    expect([few.total, few.totalIsLowerBound]).toEqual([1, false]);
  });

  it.each([
    ['an action that is not one', 'action=customer.painted', 'action'],
    ['a customer that is not an id', 'customerId=blue', 'customerId'],
    ['an admin that is not an id', 'actorId=ops', 'actorId'],
    ['a day that does not exist', 'from=2026-02-30', 'from'],
    ['a day in another format', 'to=12.05.2026', 'to'],
    ['a range that ends before it starts', 'from=2026-05-13&to=2026-05-12', 'to'],
  ])('refuses %s with 400 naming the field', async (_, query, field) => {
    for (const path of ['/api/audit', '/api/audit/export']) {
      const res = await call(ops, 'GET', `${path}?${query}`);
      expect([res.statusCode, res.json().code, res.json().field]).toEqual([400, 'VALIDATION_FAILED', field]);
    }
  });

  it('is for admins only', async () => {
    for (const path of ['/api/audit', '/api/audit/export']) {
      expect((await call(contactCookie, 'GET', path)).statusCode).toBe(403);
      expect((await call('', 'GET', path)).statusCode).toBe(401);
    }
  });
});

describe('GET /api/audit/export', () => {
  it("streams the filter's entries as CSV, and is audited", async () => {
    const res = await ok(other, 'GET', `/api/audit/export?customerId=${blue}&from=2026-05-12&to=2026-05-12`);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="audit-log-2026-05-12_2026-05-12.csv"',
    );
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe('\uFEFFat,actorEmail,actorId,action,objectType,objectId,objectName,before,after');
    expect(lines.slice(1, -1).map((l) => l.split(',').slice(0, 7))).toEqual([
      [
        '2026-05-12T21:59:59.000Z',
        'other@example.com',
        otherId,
        'customer.address-changed',
        'customer',
        blue,
        'Blue Harbor Ltd',
      ],
      [
        '2026-05-11T22:30:00.000Z',
        'ops@example.com',
        opsId,
        'customer.locked',
        'customer',
        blue,
        'Blue Harbor Ltd',
      ],
    ]);
    expect(lines.at(-1)).toBe('');
    // The address change's before and after travel as JSON in one quoted field.
    expect(lines[1]).toContain('"{""');
    expect(lines[1]).toContain('Pier 7');

    const [exported] = await entries('action=audit-log.exported');
    expect(exported).toEqual({
      action: 'audit-log.exported',
      actorEmail: 'other@example.com',
      objectType: 'audit-log',
      objectId: null,
      objectName: null,
    });
  });

  it("writes German Excel's dialect with sep=semicolon, every batch of a long log", async () => {
    const res = await ok(ops, 'GET', '/api/audit/export?action=subscription.repriced&sep=semicolon');
    const lines = res.body.split('\r\n').slice(1, -1);
    expect(lines).toHaveLength(10_001);
    expect(new Set(lines.map((l) => l.split(';')[5])).size).toBe(10_001);
    expect(lines[0]?.split(';').slice(0, 5)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '',
      '',
      'subscription.repriced',
      'customer',
    ]);
  });
});

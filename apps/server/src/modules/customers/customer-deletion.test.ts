import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal } from '../../app.ts';
import { queryRows } from '../../db/connection.ts';
import { billingRecords } from '../../db/schema.ts';
import {
  acceptInvitation,
  createAdmin,
  createCustomer,
  createTestPortal,
  STRONG_PASSWORD,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';
import { PURGE_JOB } from './customers.jobs.ts';

let portal: TestPortal;
let admin: string;

type Method = 'GET' | 'POST' | 'PUT';
const api = (method: Method, url: string, payload?: object, cookie = admin) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

let n = 0;
/** A customer created and invited by the admin; `register` lets the contact accept the invitation. */
async function customer(options: { register: boolean }) {
  n += 1;
  const email = `dora${n}@delete.test`;
  const id = await createCustomer(portal, admin, {
    companyName: `Deletable ${n} GmbH`,
    address: { street: 'Weg 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
    contactName: 'Dora Delete',
    contactEmail: email,
  });
  return { id, email, cookie: options.register ? await acceptInvitation(portal, email) : '' };
}

const details = async (id: string) => (await api('GET', `/api/customers/${id}`)).json();
const remove = async (id: string, confirmation?: string) =>
  api('POST', `/api/customers/${id}/delete`, { confirmation, version: (await details(id)).version });

/** Every (table, column) with a foreign key to customers or users, read from the catalog. */
async function referencingColumns(): Promise<{ table: string; column: string; target: string }[]> {
  return queryRows(
    portal.connection.db,
    sql`select cl.relname as "table", a.attname as "column", ref.relname as target
        from pg_constraint c
        join pg_class cl on cl.oid = c.conrelid
        join pg_class ref on ref.oid = c.confrelid
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
        where c.contype = 'f' and ref.relname in ('customers', 'users')`,
  );
}

beforeAll(async () => {
  portal = await createTestPortal({ env: { DELETION_GRACE_SECONDS: '1800' } });
  portal.clock.set('2026-04-14T08:00:00Z');
  await createAdmin(portal);
  admin = await signIn(portal, 'admin@provider.test');
  await api('PUT', '/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' });
  await api('PUT', '/api/price-table', {
    currency: 'EUR',
    basedOnVersion: null,
    ranges: [{ from: 1, to: 100, articleName: 'Scan', articleNumber: 'S', unitPrice: '2.00' }],
  });
});
afterAll(() => portal.dispose());

describe('Delete (R-3.9)', () => {
  it('deletes a never-registered customer at once with Confirm alone', async () => {
    const c = await customer({ register: false });
    const res = await remove(c.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ purged: true, purgeAt: null });
    expect((await api('GET', `/api/customers/${c.id}`)).statusCode).toBe(404);
  });

  it('needs DELETE typed for a registered customer; anything else changes nothing', async () => {
    const c = await customer({ register: true });
    for (const typed of [undefined, 'delete', 'DELETE ', 'yes']) {
      const res = await remove(c.id, typed);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'DELETE_NOT_CONFIRMED', field: 'confirmation' });
    }
    expect((await details(c.id)).status).toBe('inactive');
  });

  it('marks a registered customer deleting: sign-in refused and sessions ended at once; undo restores it', async () => {
    const c = await customer({ register: true });
    expect((await api('GET', '/api/portal/company', undefined, c.cookie)).statusCode).toBe(200);
    const res = await remove(c.id, 'DELETE');
    expect(res.json()).toEqual({ purged: false, purgeAt: '2026-04-14T08:30:00.000Z' });
    expect(await details(c.id)).toMatchObject({
      status: 'deleting',
      purgeAt: '2026-04-14T08:30:00.000Z',
      actions: ['details'],
    });
    expect((await api('GET', '/api/portal/company', undefined, c.cookie)).statusCode).toBe(401);
    const refused = await api('POST', '/api/session', { email: c.email, password: STRONG_PASSWORD }, '');
    expect(refused.json().code).toBe('ACCOUNT_DELETING');

    const undone = await api('POST', `/api/customers/${c.id}/undo-delete`, {
      version: (await details(c.id)).version,
    });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({ status: 'inactive', purgeAt: null });
    expect(
      (await api('POST', '/api/session', { email: c.email, password: STRONG_PASSWORD }, '')).statusCode,
    ).toBe(200);
    // The purge queued for the undone deletion finds nothing to do.
    await portal.services.deletion.runPurge({ customerId: c.id, purgeAt: '2026-04-14T08:30:00.000Z' });
    expect((await details(c.id)).status).toBe('inactive');
  });

  it('purges every row of the customer after the grace period, keeps a billing record, and tells the provider', async () => {
    const c = await customer({ register: true });
    const { version } = await details(c.id);
    await api('PUT', `/api/customers/${c.id}/ip-distribution`, {
      total: 30,
      internal: 20,
      external: 10,
      version,
    });
    const userIds = (await details(c.id)).users.map((u: { id: string }) => u.id);
    // Mails to its invoice e-mail (its invoices) are its personal data as well.
    const invoiceEmail = `ap.${c.id}@customer.test`;
    await queryRows(
      portal.connection.db,
      sql`update customers set invoice_email = ${invoiceEmail} where id = ${c.id}`,
    );
    await portal.connection.db.transaction((tx) =>
      portal.services.mail.enqueue(tx, { to: invoiceEmail, locale: 'en', template: 'test', params: {} }),
    );
    const { purgeAt } = (await remove(c.id, 'DELETE')).json();
    await portal.services.deletion.runPurge({ customerId: c.id, purgeAt });
    await portal.services.deletion.runPurge({ customerId: c.id, purgeAt }); // idempotent

    for (const { table, column, target } of await referencingColumns()) {
      const ids = target === 'customers' ? [c.id] : userIds;
      const [left] = await queryRows<{ n: number }>(
        portal.connection.db,
        sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)}::text in (${sql.join(
          ids.map((id: string) => sql`${id}`),
          sql`, `,
        )})`,
      );
      expect(left?.n, `${table}.${column}`).toBe(0);
    }
    const [record] = await portal.connection.db
      .select()
      .from(billingRecords)
      .where(eq(billingRecords.customerId, c.id));
    // Company name and numbers only: accounting needs them to invoice the month; no contact, no address.
    expect(record).toMatchObject({
      companyName: c.email.replace(/^dora(\d+)@.*/, 'Deletable $1 GmbH'),
      ipsInternal: 20,
      ipsExternal: 10,
      monthlyPriceMinor: 6000,
      paymentMethod: 'invoice',
      periodStart: new Date('2026-04-14T08:00:00Z'),
      periodEnd: new Date('2026-04-30T22:00:00Z'),
    });
    const personal = await queryRows(
      portal.connection.db,
      sql`select id from audit_log where (object_id = ${c.id} or actor_email = ${c.email})
          and (before is not null or after is not null or actor_email = ${c.email}) and action <> 'customer.purged'`,
    );
    expect(personal).toEqual([]);
    // The admins who acted on the customer stay named (R-8.1).
    const actors = await queryRows<{ actor_email: string | null }>(
      portal.connection.db,
      sql`select distinct actor_email from audit_log where object_id = ${c.id} and action <> 'customer.purged'
          order by actor_email`,
    );
    expect(actors.map((a) => a.actor_email)).toEqual(['admin@provider.test', null]);
    const [confirmation] = await queryRows<{ to_address: string }>(
      portal.connection.db,
      sql`select to_address from mails where template = 'customer-purged'`,
    );
    expect(confirmation?.to_address).toBe('admin@provider.test');
    const invoiceMails = await queryRows(
      portal.connection.db,
      sql`select id from mails where to_address = ${invoiceEmail}`,
    );
    expect(invoiceMails).toEqual([]);
    expect((await api('GET', `/api/customers/${c.id}`)).statusCode).toBe(404);
  });

  it('purges exactly once even when the worker was down during the grace period', async () => {
    const c = await customer({ register: true });
    await remove(c.id, 'DELETE');
    const [queued] = await queryRows<{ n: number }>(
      portal.connection.db,
      sql`select count(*)::int as n from pgboss.job where name = ${PURGE_JOB.name} and data->>'customerId' = ${c.id}`,
    );
    expect(queued?.n).toBe(1);
    // This portal never worked on jobs. The grace period is over (its start moved to now), and a new
    // instance starts on the same database and works the queue: the job written at marking time runs once.
    await queryRows(
      portal.connection.db,
      sql`update pgboss.job set start_after = now() where name = ${PURGE_JOB.name} and data->>'customerId' = ${c.id}`,
    );
    const restarted = await buildPortal(portal.config, {
      connection: portal.connection,
      clock: portal.clock,
      logger: false,
    });
    await restarted.startJobs({ work: true, pollingIntervalSeconds: 0.5 });
    try {
      await expect
        // A bound, not a speed: on a busy machine the new instance takes a while to start its workers.
        .poll(async () => (await api('GET', `/api/customers/${c.id}`)).statusCode, { timeout: 60_000 })
        .toBe(404);
    } finally {
      await restarted.close();
    }
    const purges = await queryRows<{ n: number }>(
      portal.connection.db,
      sql`select count(*)::int as n from audit_log where object_id = ${c.id} and action = 'customer.purged'`,
    );
    expect(purges).toEqual([{ n: 1 }]);
  });
});

describe('Change Main User (R-3.8)', () => {
  it('accepts only an active user of the customer, and the contact e-mail follows', async () => {
    const c = await customer({ register: true });
    const teammate = (status: 'invited' | 'active' | 'disabled') =>
      portal.services.users.create(portal.connection.db, {
        email: `${status}.${c.id.slice(0, 8)}@delete.test`,
        role: 'customer',
        status,
        customerId: c.id,
        passwordHash: null,
      });
    const stranger = (await details((await customer({ register: true })).id)).users[0].id;
    for (const userId of [(await teammate('invited')).id, (await teammate('disabled')).id, stranger]) {
      const res = await api('PUT', `/api/customers/${c.id}/main-user`, {
        userId,
        version: (await details(c.id)).version,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'MAIN_USER_NOT_ACTIVE', field: 'userId' });
    }
    const active = await teammate('active');
    const res = await api('PUT', `/api/customers/${c.id}/main-user`, {
      userId: active.id,
      version: (await details(c.id)).version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().contactEmail).toBe(active.email);
    expect(res.json().users.filter((u: { isMainUser: boolean }) => u.isMainUser)).toEqual([
      expect.objectContaining({ id: active.id }),
    ]);
  });

  it('lets one of two simultaneous changes win', async () => {
    const c = await customer({ register: true });
    const { version, users } = await details(c.id);
    const other = await portal.services.users.create(portal.connection.db, {
      email: `second.${c.id.slice(0, 8)}@delete.test`,
      role: 'customer',
      status: 'active',
      customerId: c.id,
      passwordHash: null,
    });
    const results = await Promise.all(
      [users[0].id, other.id].map((userId) =>
        api('PUT', `/api/customers/${c.id}/main-user`, { userId, version }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const mains = (await details(c.id)).users.filter((u: { isMainUser: boolean }) => u.isMainUser);
    expect(mains).toHaveLength(1);
  });
});

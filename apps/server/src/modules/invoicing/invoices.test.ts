import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import { stripeInvoices } from '../../db/schema.ts';
import {
  createAdmin,
  createTestPortal,
  invitedCustomer,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';
import { MARK_OVERDUE_JOB } from './invoices.jobs.ts';
import { insertTestInvoice } from './test-invoices.ts';

let portal: TestPortal;
let admin: string;

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, cookie = admin) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

/** Moves the clock and signs everyone in again (sessions expire when idle). */
async function at(instant: string): Promise<void> {
  portal.clock.set(instant);
  admin = await signIn(portal, 'admin@provider.test');
  for (const c of [acme, globex].filter(Boolean)) c.cookie = await signIn(portal, c.email);
}

let customerNo = 0;
/** A customer created by the admin whose main user accepted the invitation: its id and a session. */
async function customerWithUser(companyName: string) {
  customerNo += 1;
  const contactEmail = `contact${customerNo}@customer.test`;
  const { id, cookie } = await invitedCustomer(portal, admin, { companyName, contactEmail });
  return { id, email: contactEmail, cookie };
}

const auditOf = (objectId: string) =>
  queryRows<{ action: string; actor_email: string | null; after: Record<string, unknown> | null }>(
    portal.connection.db,
    sql`select action, actor_email, after from audit_log where object_type = 'invoice' and object_id = ${objectId} order by id`,
  );

let acme: Awaited<ReturnType<typeof customerWithUser>>;
let globex: Awaited<ReturnType<typeof customerWithUser>>;
/** Acme: November (2 lines, 19 %) and December; Globex: November, reverse charge. */
let acmeNov: Awaited<ReturnType<typeof insertTestInvoice>>;
let acmeDec: Awaited<ReturnType<typeof insertTestInvoice>>;
let globexNov: Awaited<ReturnType<typeof insertTestInvoice>>;

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  await at('2026-12-10T09:00:00Z');
  await api('PUT', '/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' });
  acme = await customerWithUser('Acme GmbH');
  globex = await customerWithUser('Globex SARL');
  const db = portal.connection.db;
  acmeNov = await insertTestInvoice(db, {
    customerId: acme.id,
    customerName: 'Acme GmbH',
    billingMonth: '2026-11',
    issueDate: '2026-12-01',
    lines: [
      { quantity: 50, unitPriceMinor: 200 },
      { quantity: 200, unitPriceMinor: 150 },
    ],
  });
  globexNov = await insertTestInvoice(db, {
    customerId: globex.id,
    customerName: 'Globex SARL',
    billingMonth: '2026-11',
    issueDate: '2026-12-01',
    issuedAt: new Date('2026-12-01T06:00:01Z'),
    vatCategory: 'AE',
  });
  acmeDec = await insertTestInvoice(db, {
    customerId: acme.id,
    customerName: 'Acme GmbH',
    billingMonth: '2026-12',
    issueDate: '2026-12-05',
  });
});
afterAll(() => portal.dispose());

describe('the invoice list', () => {
  it('filters by month, status, kind, customer and search, and sums over the whole filter', async () => {
    const all = (await api('GET', '/api/invoices')).json();
    expect(all.items.map((i: { number: string }) => i.number)).toEqual([
      acmeDec.number,
      globexNov.number,
      acmeNov.number,
    ]);
    // Acme Nov: 100.00 + 300.00 = 400.00 net, 76.00 VAT; Globex: 150.00 net, no VAT; Acme Dec: 150.00 + 28.50.
    expect(all).toMatchObject({
      total: 3,
      currency: 'EUR',
      totals: { netMinor: 70000, vatMinor: 10450, grossMinor: 80450 },
    });
    expect(all.items[2]).toMatchObject({
      kind: 'invoice',
      customerId: acme.id,
      customerName: 'Acme GmbH',
      billingMonth: '2026-11',
      issueDate: '2026-12-01',
      dueDate: '2026-12-15',
      netMinor: 40000,
      vatMinor: 7600,
      grossMinor: 47600,
      vatCategory: 'S',
      status: 'issued',
      paidOn: null,
      creditedInvoiceNumber: null,
      documentsReady: false,
    });

    const november = (await api('GET', '/api/invoices?month=2026-11&pageSize=1')).json();
    expect(november).toMatchObject({ total: 2, page: 1, pageSize: 1, totals: { grossMinor: 62600 } });
    expect(november.items).toHaveLength(1);
    const page2 = (await api('GET', '/api/invoices?month=2026-11&pageSize=1&page=2')).json();
    expect(page2.items[0].number).toBe(acmeNov.number);

    const ofAcme = (await api('GET', `/api/invoices?customerId=${acme.id}`)).json();
    expect(ofAcme.total).toBe(2);
    const byName = (await api('GET', '/api/invoices?q=GLOBEX')).json();
    expect(byName.items.map((i: { id: string }) => i.id)).toEqual([globexNov.id]);
    const byNumber = (await api('GET', `/api/invoices?q=${acmeNov.number.toLowerCase()}`)).json();
    expect(byNumber.items.map((i: { id: string }) => i.id)).toEqual([acmeNov.id]);
    // The number matches by prefix only; a wildcard is taken literally.
    expect((await api('GET', `/api/invoices?q=${acmeNov.number.slice(3)}`)).json().total).toBe(0);
    expect((await api('GET', '/api/invoices?q=%25')).json().total).toBe(0);
    const none = (await api('GET', '/api/invoices?kind=credit-note')).json();
    expect(none).toMatchObject({ total: 0, items: [], totals: { netMinor: 0, vatMinor: 0, grossMinor: 0 } });
    expect((await api('GET', '/api/invoices?status=paid')).json().total).toBe(0);
  });

  it('refuses a malformed filter naming the field', async () => {
    const res = await api('GET', '/api/invoices?month=2026-13');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'month' });
  });

  it('is for admins only', async () => {
    expect((await api('GET', '/api/invoices', undefined, '')).statusCode).toBe(401);
    expect((await api('GET', '/api/invoices', undefined, acme.cookie)).statusCode).toBe(403);
    expect((await api('GET', `/api/invoices/${acmeNov.id}`, undefined, acme.cookie)).statusCode).toBe(403);
  });
});

describe('invoice details', () => {
  it('shows lines, VAT, notes and what is left to credit', async () => {
    const res = await api('GET', `/api/invoices/${acmeNov.id}`);
    expect(res.statusCode).toBe(200);
    const details = res.json();
    expect(details).toMatchObject({
      number: acmeNov.number,
      language: 'en',
      buyer: { name: 'Acme GmbH', country: 'DE', email: 'billing@customer.test' },
      vat: [
        { category: 'S', rateBasisPoints: 1900, taxableMinor: 40000, vatMinor: 7600, exemptionReason: null },
      ],
      notes: [],
      reason: null,
      creditNotes: [],
      creditableGrossMinor: 47600,
      creditedLineIds: [],
      history: [],
    });
    expect(details.lines).toEqual([
      expect.objectContaining({ id: 1, quantity: 50, unitPriceMinor: 200, netMinor: 10000 }),
      expect.objectContaining({ id: 2, quantity: 200, unitPriceMinor: 150, netMinor: 30000 }),
    ]);
    const globexDetails = (await api('GET', `/api/invoices/${globexNov.id}`)).json();
    expect(globexDetails).toMatchObject({
      vat: [{ category: 'AE', vatMinor: 0, exemptionReason: 'Reverse charge' }],
      notes: ['Reverse charge'],
    });
  });

  it('answers 404 for an unknown invoice and 400 for a malformed id', async () => {
    expect((await api('GET', '/api/invoices/7c6f3f4e-1111-4ab0-9f00-000000000000')).statusCode).toBe(404);
    expect((await api('GET', '/api/invoices/nope')).json()).toMatchObject({ field: 'id' });
  });
});

describe('mark as paid', () => {
  it('records the payment day, once, with an audit entry and history', async () => {
    const res = await api('POST', `/api/invoices/${acmeDec.id}/paid`, { paidOn: '2026-12-09' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'paid',
      paidOn: '2026-12-09',
      history: [{ action: 'invoice.paid', actorEmail: 'admin@provider.test', detail: '2026-12-09' }],
    });
    const again = await api('POST', `/api/invoices/${acmeDec.id}/paid`, { paidOn: '2026-12-10' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVOICE_NOT_PAYABLE');
    expect((await auditOf(acmeDec.id)).map((e) => e.action)).toEqual(['invoice.paid']);
    expect((await api('GET', '/api/invoices?status=paid')).json().total).toBe(1);
  });

  it('refuses a day in the future or before the issue date, naming the field, and changes nothing', async () => {
    const future = await api('POST', `/api/invoices/${acmeNov.id}/paid`, { paidOn: '2026-12-11' });
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'paidOn',
      rule: 'date-in-future',
    });
    const early = await api('POST', `/api/invoices/${acmeNov.id}/paid`, { paidOn: '2026-11-30' });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({
      field: 'paidOn',
      rule: 'before-issue-date',
      message: expect.stringContaining('2026-12-01'),
    });
    const malformed = await api('POST', `/api/invoices/${acmeNov.id}/paid`, { paidOn: '10.12.2026' });
    expect(malformed.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'paidOn' });
    expect((await api('GET', `/api/invoices/${acmeNov.id}`)).json()).toMatchObject({
      status: 'issued',
      paidOn: null,
    });
    expect(await auditOf(acmeNov.id)).toEqual([]);
  });

  it('is for admins only', async () => {
    const body = { paidOn: '2026-12-10' };
    expect((await api('POST', `/api/invoices/${acmeNov.id}/paid`, body, '')).statusCode).toBe(401);
    expect((await api('POST', `/api/invoices/${acmeNov.id}/paid`, body, acme.cookie)).statusCode).toBe(403);
    expect(
      (await api('POST', '/api/invoices/7c6f3f4e-1111-4ab0-9f00-000000000000/paid', body)).statusCode,
    ).toBe(404);
    expect((await api('GET', `/api/invoices/${acmeNov.id}`)).json().status).toBe('issued');
  });
});

describe('the overdue rule', () => {
  it('runs hourly and once when the portal starts', async () => {
    const [job] = await queryRows<{ n: number }>(
      portal.connection.db,
      sql`select count(*)::int as n from pgboss.job where name = ${MARK_OVERDUE_JOB.name}`,
    );
    expect(job?.n).toBe(1);
    const schedules = await queryRows<{ cron: string }>(
      portal.connection.db,
      sql`select cron from pgboss.schedule where name = ${MARK_OVERDUE_JOB.name}`,
    );
    expect(schedules).toEqual([{ cron: '5 * * * *' }]);
  });

  it('sets issued invoices overdue once their due date has passed in the billing time zone', async () => {
    // 2026-12-15 23:30 UTC is already 16 December in Berlin: the due date (15th) has passed there.
    await at('2026-12-15T22:30:00Z');
    expect(await portal.services.invoices.markOverdue()).toBe(0);
    await at('2026-12-15T23:30:00Z');
    expect(await portal.services.invoices.markOverdue()).toBe(2);
    expect(await portal.services.invoices.markOverdue()).toBe(0);
    const list = (await api('GET', '/api/invoices')).json();
    const statusOf = (id: string) => list.items.find((i: { id: string }) => i.id === id).status;
    expect([statusOf(acmeNov.id), statusOf(globexNov.id), statusOf(acmeDec.id)]).toEqual([
      'overdue',
      'overdue',
      'paid',
    ]);
    expect(await auditOf(acmeNov.id)).toEqual([
      expect.objectContaining({ action: 'invoice.overdue', actor_email: null }),
    ]);
    // An overdue invoice is still paid the usual way.
    const paid = await api('POST', `/api/invoices/${globexNov.id}/paid`, { paidOn: '2026-12-15' });
    expect(paid.json()).toMatchObject({ status: 'paid', paidOn: '2026-12-15' });
    expect(paid.json().history.map((h: { action: string }) => h.action)).toEqual([
      'invoice.overdue',
      'invoice.paid',
    ]);
  });
});

describe('downloads', () => {
  it('answers 409 until the documents are rendered, then serves them as attachments named by number', async () => {
    const pending = await api('GET', `/api/invoices/${acmeNov.id}/pdf`);
    expect(pending.statusCode).toBe(409);
    expect(pending.json().code).toBe('INVOICE_DOCUMENTS_PENDING');
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff]);
    await portal.connection.db.execute(
      sql`update invoices set pdf = ${Buffer.from(pdf)}, xml = ${'<rsm:CrossIndustryInvoice>ü</rsm:CrossIndustryInvoice>'},
          rendered_at = now() where id = ${acmeNov.id}`,
    );
    const res = await api('GET', `/api/invoices/${acmeNov.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${acmeNov.number}.pdf"`);
    expect(new Uint8Array(res.rawPayload)).toEqual(pdf);
    const xml = await api('GET', `/api/invoices/${acmeNov.id}/xml`);
    expect(xml.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(xml.headers['content-disposition']).toBe(`attachment; filename="${acmeNov.number}.xml"`);
    expect(xml.body).toBe('<rsm:CrossIndustryInvoice>ü</rsm:CrossIndustryInvoice>');
    expect((await api('GET', `/api/invoices/${acmeNov.id}`)).json().documentsReady).toBe(true);
    expect((await api('GET', `/api/invoices/${acmeNov.id}/pdf`, undefined, acme.cookie)).statusCode).toBe(
      403,
    );
  });
});

describe("a customer's invoices", () => {
  it('lists them for the admin with the Stripe invoices beside', async () => {
    const now = new Date('2026-12-02T10:00:00Z');
    await portal.connection.db.insert(stripeInvoices).values({
      id: 'in_test_1',
      customerId: globex.id,
      number: 'STRIPE-0001',
      status: 'paid',
      currency: 'eur',
      totalMinor: 11900,
      amountPaidMinor: 11900,
      hostedInvoiceUrl: 'https://invoice.stripe.test/i/1',
      createdAt: now,
      updatedAt: now,
    });
    const res = (await api('GET', `/api/customers/${globex.id}/invoices`)).json();
    expect(res.invoices.map((i: { id: string }) => i.id)).toEqual([globexNov.id]);
    expect(res.stripeInvoices).toEqual([
      {
        id: 'in_test_1',
        number: 'STRIPE-0001',
        status: 'paid',
        currency: 'eur',
        totalMinor: 11900,
        amountPaidMinor: 11900,
        hostedInvoiceUrl: 'https://invoice.stripe.test/i/1',
        createdAt: now.toISOString(),
      },
    ]);
    expect((await api('GET', `/api/customers/${acme.id}/invoices`, undefined, acme.cookie)).statusCode).toBe(
      403,
    );
  });

  it('shows a customer user its own invoices only, and nothing of anyone else', async () => {
    await at('2026-12-16T09:00:00Z');
    const own = await api('GET', '/api/portal/invoices', undefined, acme.cookie);
    expect(own.statusCode).toBe(200);
    expect(own.json().invoices.map((i: { id: string }) => i.id)).toEqual([acmeDec.id, acmeNov.id]);
    expect(own.json().stripeInvoices).toEqual([]);
    const theirs = await api('GET', '/api/portal/invoices', undefined, globex.cookie);
    expect(theirs.json().invoices.map((i: { id: string }) => i.id)).toEqual([globexNov.id]);

    const pdf = await api('GET', `/api/portal/invoices/${acmeNov.id}/pdf`, undefined, acme.cookie);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${acmeNov.number}.pdf"`);
    // Another customer's invoice, rendered or not, is not found, exactly like one that does not exist.
    const foreign = await api('GET', `/api/portal/invoices/${acmeNov.id}/pdf`, undefined, globex.cookie);
    const missing = await api(
      'GET',
      '/api/portal/invoices/7c6f3f4e-1111-4ab0-9f00-000000000000/xml',
      undefined,
      globex.cookie,
    );
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    const unrendered = await api('GET', `/api/portal/invoices/${acmeDec.id}/xml`, undefined, globex.cookie);
    expect(unrendered.statusCode).toBe(404);

    expect((await api('GET', '/api/portal/invoices', undefined, '')).statusCode).toBe(401);
    expect((await api('GET', '/api/portal/invoices')).statusCode).toBe(403);
  });
});

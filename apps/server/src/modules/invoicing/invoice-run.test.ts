import type { InvoiceDocument } from '@vmsp/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import { createAdmin, createTestPortal, signIn, type TestPortal } from '../../test/harness.ts';
import { COMPLETE_COMPANY } from './company-settings.fixtures.ts';

/**
 * The monthly invoice run through the month end, on one timeline: customers subscribe on 20 October 2026, the
 * month end of 1 November finds Settings → Company incomplete, one customer upgrades on 16 November, and the
 * month end of 1 December (Europe/Berlin) catches up on October and November.
 */
let portal: TestPortal;
let admin: string;

/** The spec's example table: 1–50 at 2.00, 51–250 at 1.50, 251–500 at 1.00. */
const specTable = {
  currency: 'EUR',
  basedOnVersion: null,
  ranges: [
    { from: 1, to: 50, articleName: 'Scan S', articleNumber: 'IP-S', unitPrice: '2.00' },
    { from: 51, to: 250, articleName: 'Scan M', articleNumber: 'IP-M', unitPrice: '1.50' },
    { from: 251, to: 500, articleName: 'Scan L', articleNumber: 'IP-L', unitPrice: '1.00' },
  ],
};

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, cookie = admin) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

async function at(instant: string): Promise<void> {
  portal.clock.set(instant);
  admin = await signIn(portal, 'admin@provider.test');
}

async function customer(name: string, more: object = {}): Promise<string> {
  const res = await api('POST', '/api/customers', {
    companyName: name,
    address: { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
    contactName: 'Erika Mustermann',
    contactEmail: `${name.toLowerCase().replace(/[^a-z]/g, '')}@customer.test`,
    ...more,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function distribute(id: string, total: number): Promise<void> {
  const { version } = (await api('GET', `/api/customers/${id}`)).json();
  const res = await api('PUT', `/api/customers/${id}/ip-distribution`, {
    total,
    internal: total,
    external: 0,
    instant: true,
    version,
  });
  expect(res.statusCode, res.body).toBe(200);
}

interface InvoiceRow {
  number: string;
  customer_id: string;
  billing_month: string;
  issue_date: string;
  due_date: string;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
  vat_category: string;
  status: string;
  language: string;
  document: InvoiceDocument;
}
const invoices = () =>
  queryRows<InvoiceRow>(
    portal.connection.db,
    sql`select number, customer_id, billing_month, to_char(issue_date, 'YYYY-MM-DD') as issue_date,
          to_char(due_date, 'YYYY-MM-DD') as due_date, net_minor::int, vat_minor::int, gross_minor::int,
          vat_category, status,
          language, document
        from invoices order by number`,
  );
const auditOf = (action: string) =>
  queryRows<{ object_id: string; after: Record<string, unknown> }>(
    portal.connection.db,
    sql`select object_id, after from audit_log where action = ${action} order by id`,
  );

let whole: string;
let upgraded: string;
let austrian: string;
let addressless: string;

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  await at('2026-10-20T10:00:00Z');
  await api('PUT', '/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' });
  expect((await api('PUT', '/api/price-table', specTable)).statusCode).toBe(200);
  whole = await customer('Whole Month GmbH', { locale: 'de' });
  upgraded = await customer('Upgrade AG');
  austrian = await customer('Wien Scan GmbH', {
    address: { street: 'Ring 1', postalCode: '1010', city: 'Wien', country: 'AT' },
    vatId: 'ATU13585627',
  });
  addressless = await customer('No Address KG');
  await distribute(whole, 300);
  await distribute(upgraded, 100);
  await distribute(austrian, 10);
  await distribute(addressless, 10);
  // Customers saved before the address rules, or changed in the database: nothing to address an invoice to.
  await portal.connection.db.execute(
    sql`update customers set street = '', city = ' ' where id = ${addressless}`,
  );
});
afterAll(() => portal.dispose());

describe('the invoice run at the month end', () => {
  it('issues nothing while Settings → Company is incomplete, and says so once per month', async () => {
    await at('2026-11-01T00:30:00+01:00');
    expect((await portal.services.monthEnd.run()).invoiced).toBe(0);
    expect((await portal.services.monthEnd.run()).invoiced).toBe(0);
    expect(await invoices()).toEqual([]);
    const notes = await auditOf('invoice-run.not-configured');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ object_id: '2026-10' });
    expect(String(notes[0]?.after.message)).toContain('company name');
    expect((await api('GET', '/api/invoicing/status')).json()).toMatchObject({
      enabled: false,
      missing: expect.arrayContaining(['companyName', 'iban']),
    });
  });

  it('catches up on October and November, one invoice per customer and month, numbers in order', async () => {
    await at('2026-11-15T23:00:00Z'); // 16 November, 00:00 in Berlin
    await distribute(upgraded, 300);
    await at('2026-12-01T00:05:00+01:00');
    expect((await api('PUT', '/api/settings/company', COMPLETE_COMPANY)).statusCode).toBe(200);
    expect((await portal.services.monthEnd.run()).invoiced).toBe(6);

    const all = await invoices();
    expect(all.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `RE-2026-00000${n}`));
    // October's invoices come first: a catch-up issues the older month first.
    expect(all.map((i) => i.billing_month)).toEqual([
      '2026-10',
      '2026-10',
      '2026-10',
      '2026-11',
      '2026-11',
      '2026-11',
    ]);
    for (const i of all) {
      expect(i).toMatchObject({ issue_date: '2026-12-01', due_date: '2026-12-15', status: 'issued' });
      expect(i.document.number).toBe(i.number);
      expect(i.document.seller).toMatchObject({
        name: 'Provider Security GmbH',
        iban: 'DE89370400440532013000',
      });
    }
    expect(new Set(all.map((i) => `${i.customer_id} ${i.billing_month}`)).size).toBe(6);
    expect(all.some((i) => i.customer_id === addressless)).toBe(false);

    const issued = await auditOf('invoice.issued');
    expect(issued).toHaveLength(6);
    const refused = await auditOf('invoice.refused');
    expect(refused.map((r) => r.object_id)).toEqual([addressless, addressless]);
    expect(refused[0]?.after).toMatchObject({
      companyName: 'No Address KG',
      reason: expect.stringContaining('street, city'),
    });
  });

  it('bills a whole month of 300 IPs at the graduated price: net 450.00', async () => {
    const [nov] = (await invoices()).filter((i) => i.customer_id === whole && i.billing_month === '2026-11');
    expect(nov).toMatchObject({ net_minor: 45000, vat_minor: 8550, gross_minor: 53550, vat_category: 'S' });
    expect(nov?.language).toBe('de');
    expect(
      nov?.document.lines.map((l) => [l.articleNumber, l.quantity, l.unitPriceMinor, l.netMinor]),
    ).toEqual([
      ['IP-S', 50, 200, 10000],
      ['IP-M', 200, 150, 30000],
      ['IP-L', 50, 100, 5000],
    ]);
    expect(nov?.document.lines[0]).toMatchObject({ periodFrom: '2026-11-01', periodTo: '2026-11-30' });
    expect(nov?.document.paymentTerms).toContain('15.12.2026');
    // October from the 20th: 12 of 31 days, each line rounded once.
    const [oct] = (await invoices()).filter((i) => i.customer_id === whole && i.billing_month === '2026-10');
    expect(oct?.document.lines.map((l) => l.netMinor)).toEqual([3871, 11613, 1935]);
    expect(oct?.net_minor).toBe(3871 + 11613 + 1935);
  });

  it('bills an instant upgrade from 100 to 300 IPs on 16 November as two periods of 15 days', async () => {
    const [nov] = (await invoices()).filter(
      (i) => i.customer_id === upgraded && i.billing_month === '2026-11',
    );
    expect(
      nov?.document.lines.map((l) => [l.periodFrom, l.periodTo, l.articleNumber, l.quantity, l.netMinor]),
    ).toEqual([
      ['2026-11-01', '2026-11-15', 'IP-S', 50, 5000],
      ['2026-11-01', '2026-11-15', 'IP-M', 50, 3750],
      ['2026-11-16', '2026-11-30', 'IP-S', 50, 5000],
      ['2026-11-16', '2026-11-30', 'IP-M', 200, 15000],
      ['2026-11-16', '2026-11-30', 'IP-L', 50, 2500],
    ]);
    expect(nov).toMatchObject({ net_minor: 31250, vat_minor: 5938, gross_minor: 37188, language: 'en' });
  });

  it('bills an EU customer with a VAT-ID by reverse charge, with the note', async () => {
    const [nov] = (await invoices()).filter(
      (i) => i.customer_id === austrian && i.billing_month === '2026-11',
    );
    expect(nov).toMatchObject({ net_minor: 2000, vat_minor: 0, gross_minor: 2000, vat_category: 'AE' });
    expect(nov?.document.buyer).toMatchObject({ country: 'AT', vatId: 'ATU13585627', city: 'Wien' });
    expect(nov?.document.notes.join(' ')).toContain('Reverse charge');
  });

  it('issues nothing more when the month end runs again', async () => {
    expect((await portal.services.monthEnd.run()).invoiced).toBe(0);
    await at('2026-12-20T10:00:00Z');
    expect((await portal.services.monthEnd.run()).invoiced).toBe(0);
    expect(await invoices()).toHaveLength(6);
    const runs = await queryRows<{ billing_month: string; issued: number; done: boolean }>(
      portal.connection.db,
      sql`select billing_month, issued, completed_at is not null as done from invoice_runs order by billing_month`,
    );
    // August and September ended before the first paid period: nothing to invoice, done at once.
    expect(runs).toEqual([
      { billing_month: '2026-08', issued: 0, done: true },
      { billing_month: '2026-09', issued: 0, done: true },
      { billing_month: '2026-10', issued: 3, done: true },
      { billing_month: '2026-11', issued: 3, done: true },
    ]);
  });

  it("bills a cancelled subscription to its month's end, a downgrade from the next month, numbers anew each year", async () => {
    await distribute(whole, 50); // an instant downgrade is not possible: it waits for the month's end
    await at('2026-12-10T10:00:00Z');
    const { version } = (await api('GET', `/api/customers/${upgraded}`)).json();
    const cancelled = await api('POST', `/api/customers/${upgraded}/subscription/cancel`, { version });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await at('2027-01-01T00:10:00+01:00');
    expect((await portal.services.monthEnd.run()).invoiced).toBe(3);
    const dec = (await invoices()).filter((i) => i.billing_month === '2026-12');
    expect(dec.map((i) => i.number).sort()).toEqual(['RE-2027-000001', 'RE-2027-000002', 'RE-2027-000003']);
    const upgradedDec = dec.find((i) => i.customer_id === upgraded);
    expect(upgradedDec?.document.lines.at(-1)).toMatchObject({ periodTo: '2026-12-31' });
    expect(upgradedDec?.net_minor).toBe(45000);
    // The downgrade due at December's end applies after it: December is billed at 300 IPs.
    expect(dec.find((i) => i.customer_id === whole)?.net_minor).toBe(45000);
  });
});

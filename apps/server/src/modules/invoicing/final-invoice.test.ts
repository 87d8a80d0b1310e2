import type { InvoiceDocument } from '@vmsp/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import {
  createAdmin,
  createCustomer,
  createTestPortal,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';
import { COMPLETE_COMPANY } from './company-settings.fixtures.ts';

/**
 * R-3.9: a purged customer's running subscription runs out at the end of the billing month, and the month is
 * still invoiced. The purge issues the final invoice while the customer's address and periods exist, billed to
 * the month's end exactly as the month end would have billed it (a twin customer who stays is the measure).
 */
let portal: TestPortal;
let admin: string;

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie: admin } });

async function at(instant: string): Promise<void> {
  portal.clock.set(instant);
  admin = await signIn(portal, 'admin@provider.test');
}

/** A managed customer (never registered, so Delete purges it at once) with `ips` internal IPs from now. */
async function subscribed(name: string, ips: number): Promise<string> {
  const id = await createCustomer(portal, admin, {
    companyName: name,
    contactEmail: `${name.toLowerCase().replace(/[^a-z]/g, '')}@customer.test`,
  });
  const { version } = (await api('GET', `/api/customers/${id}`)).json();
  const res = await api('PUT', `/api/customers/${id}/ip-distribution`, {
    total: ips,
    internal: ips,
    external: 0,
    instant: true,
    version,
  });
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

async function purge(id: string): Promise<void> {
  const { version } = (await api('GET', `/api/customers/${id}`)).json();
  const res = await api('POST', `/api/customers/${id}/delete`, { version });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toEqual({ purged: true, purgeAt: null });
}

const invoicesOf = (companyName: string) =>
  queryRows<{
    number: string;
    customer_id: string | null;
    billing_month: string;
    issue_date: string;
    net_minor: number;
    document: InvoiceDocument;
  }>(
    portal.connection.db,
    sql`select number, customer_id, billing_month, to_char(issue_date, 'YYYY-MM-DD') as issue_date,
          net_minor::int, document
        from invoices where kind = 'invoice' and customer_name = ${companyName} order by number`,
  );
const purgedEntry = async (id: string) =>
  (
    await queryRows<{ after: Record<string, unknown> }>(
      portal.connection.db,
      sql`select after from audit_log where action = 'customer.purged' and object_id = ${id}`,
    )
  )[0]?.after;
const providerMail = async (companyName: string) =>
  (
    await queryRows<{ text: string }>(
      portal.connection.db,
      sql`select text from mails where template = 'customer-purged' and subject like ${`%${companyName}%`}`,
    )
  )[0]?.text;

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  await at('2026-11-20T10:00:00Z');
  await api('PUT', '/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' });
  const prices = await api('PUT', '/api/price-table', {
    currency: 'EUR',
    basedOnVersion: null,
    ranges: [
      { from: 1, to: 50, articleName: 'Scan S', articleNumber: 'IP-S', unitPrice: '2.00' },
      { from: 51, to: 250, articleName: 'Scan M', articleNumber: 'IP-M', unitPrice: '1.50' },
    ],
  });
  expect(prices.statusCode, prices.body).toBe(200);
});
afterAll(() => portal?.dispose());

describe('the final invoice at a purge (R-3.9)', () => {
  it('is not issued while Settings → Company is incomplete: the purge goes through and says why', async () => {
    const id = await subscribed('Early Leaver GmbH', 20);
    await purge(id);

    expect(await invoicesOf('Early Leaver GmbH')).toEqual([]);
    expect(await purgedEntry(id)).toMatchObject({
      billingRecordKept: true,
      finalInvoices: [],
      notInvoiced: expect.stringContaining('Invoicing is off until Settings → Company is complete.'),
    });
    expect(await providerMail('Early Leaver GmbH')).toContain(
      'No final invoice could be issued: Invoicing is off',
    );
  });

  it("bills the month it leaves in to the month's end, as the month end bills a customer who stays", async () => {
    const company = await api('PUT', '/api/settings/company', COMPLETE_COMPANY);
    expect(company.statusCode, company.body).toBe(200);
    const leaving = await subscribed('Leaving GmbH', 100);
    await subscribed('Staying GmbH', 100);

    await at('2026-11-25T09:00:00Z');
    await purge(leaving);
    const [final, ...more] = await invoicesOf('Leaving GmbH');
    expect(more).toEqual([]);
    // Issued the day of the purge, for November, to the customer's address; the row outlives the customer.
    expect(final).toMatchObject({ customer_id: null, billing_month: '2026-11', issue_date: '2026-11-25' });
    expect(final?.document.buyer).toMatchObject({ name: 'Leaving GmbH', city: 'Berlin' });
    expect(final?.document.lines.map((l) => [l.periodFrom, l.periodTo])).toEqual([
      ['2026-11-20', '2026-11-30'],
      ['2026-11-20', '2026-11-30'],
    ]);
    expect(await purgedEntry(leaving)).toEqual({
      billingRecordKept: true,
      finalInvoices: [final?.number],
      notInvoiced: null,
    });
    expect(await providerMail('Leaving GmbH')).toContain(`Its final invoice ${final?.number} was issued`);

    // The month end of 1 December invoices the customer who stayed, for the same lines and amount, and
    // issues nothing more to the one who left.
    await at('2026-12-01T00:10:00+01:00');
    expect((await portal.services.monthEnd.run()).invoiced).toBe(1);
    const [stayed] = await invoicesOf('Staying GmbH');
    expect(stayed?.net_minor).toBe(final?.net_minor);
    expect(stayed?.document.lines.map((l) => [l.periodFrom, l.periodTo, l.quantity, l.netMinor])).toEqual(
      final?.document.lines.map((l) => [l.periodFrom, l.periodTo, l.quantity, l.netMinor]),
    );
    expect(await invoicesOf('Leaving GmbH')).toHaveLength(1);
  });

  it('also bills a month the month end has not invoiced yet, after downtime', async () => {
    await at('2026-12-02T10:00:00Z');
    const late = await subscribed('Late Leaver GmbH', 10);
    // The month end of 1 January has not run when the customer is purged on 1 January (the portal was down).
    await at('2027-01-01T08:00:00+01:00');
    await purge(late);
    const issued = await invoicesOf('Late Leaver GmbH');
    expect(issued.map((i) => [i.billing_month, i.issue_date])).toEqual([
      ['2026-12', '2027-01-01'],
      ['2027-01', '2027-01-01'],
    ]);
    expect((await purgedEntry(late))?.finalInvoices).toEqual(issued.map((i) => i.number));
    expect(await providerMail('Late Leaver GmbH')).toContain(
      `Its final invoices ${issued.map((i) => i.number).join(', ')} were issued`,
    );
  });
});

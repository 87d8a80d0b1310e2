import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import {
  createAdmin,
  createTestPortal,
  STRONG_PASSWORD,
  sessionCookieOf,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';
import { insertCustomers } from '../customers/customers.repository.ts';
import { COMPLETE_COMPANY } from '../invoicing/company-settings.fixtures.ts';
import { generateSignerKeyPair, issueProjectKey } from '../project-keys/project-key-token.ts';
import { BILLING_DATA_COLUMNS } from './billing-data.csv.ts';

/**
 * The billing data of November 2026 (Europe/Berlin) after the month end has invoiced it: a customer billed a
 * whole month by invoice, one that upgrades on 16 November, one paying by project key and one paying by card
 * (billed by Stripe, so computed). Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
let portal: TestPortal;
let admin: string;
const system = { id: '00000000-0000-4000-8000-000000000003', email: 'system@provider.test' };

const table = (prices: [string, string, string]) => ({
  currency: 'EUR',
  basedOnVersion: null,
  ranges: [
    { from: 1, to: 50, articleName: 'Scan S', articleNumber: 'IP-S', unitPrice: prices[0] },
    { from: 51, to: 250, articleName: 'Scan M', articleNumber: 'IP-M', unitPrice: prices[1] },
    { from: 251, to: 500, articleName: 'Scan L', articleNumber: 'IP-L', unitPrice: prices[2] },
  ],
});

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, cookie = admin) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

async function at(instant: string): Promise<void> {
  portal.clock.set(instant);
  admin = await signIn(portal, 'admin@provider.test');
}

let customerNo = 0;
async function customer(name: string): Promise<string> {
  customerNo += 1;
  const res = await api('POST', '/api/customers', {
    companyName: name,
    address: { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
    contactName: 'Erika Mustermann',
    contactEmail: `contact${customerNo}@customer.test`,
    serviceMode: 'managed',
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

/** A new customer's main user, signed in: a customer user, who may not download the billing data. */
async function customerUserCookie(): Promise<string> {
  await customer('Customer User GmbH');
  const [mail] = await queryRows<{ text: string }>(
    portal.connection.db,
    sql`select text from mails where to_address = ${`contact${customerNo}@customer.test`}
        order by created_at desc limit 1`,
  );
  const token = decodeURIComponent(mail?.text.match(/token=([A-Za-z0-9_%-]+)/)?.[1] ?? '');
  const accepted = await api(
    'POST',
    '/api/invitations/accept',
    { token, password: STRONG_PASSWORD, passwordConfirmation: STRONG_PASSWORD },
    '',
  );
  expect(accepted.statusCode, accepted.body).toBe(200);
  return sessionCookieOf(accepted);
}

async function redeemKey(customerId: string): Promise<void> {
  const msp = await generateSignerKeyPair();
  await portal.services.projectKeySigners.add(system, {
    label: 'Upstream MSP',
    publicJwk: JSON.stringify(msp.publicJwk),
  });
  const now = portal.clock.now();
  // 100 IPs for 12 months, bought for 1,200.00 and sold for 1,500.00: 100.00 and 125.00 a month.
  const key = await issueProjectKey({
    privateJwk: msp.privateJwk,
    ips: 100,
    months: 12,
    purchasePriceMinor: 120_000,
    currency: 'EUR',
    issuedAt: now,
    expiresAt: new Date(now.getTime() + 90 * 86_400_000),
  });
  const { version } = await portal.services.details.details(customerId);
  const res = await api('POST', `/api/customers/${customerId}/project-key`, {
    key,
    salesPrice: '1500,00',
    internal: 60,
    external: 40,
    instant: true,
    version,
  });
  expect(res.statusCode, res.body).toBe(200);
}

let whole: string;
let upgraded: string;
let keyed: string;
let card: string;

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  await at('2026-10-20T10:00:00Z');
  await api('PUT', '/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' });
  expect((await api('PUT', '/api/price-table', table(['2.00', '1.50', '1.00']))).statusCode).toBe(200);
  // Purchase: 1–50 at 1.00, 51–250 at 0.80, 251–500 at 0.50.
  expect((await api('PUT', '/api/purchase-price-table', table(['1.00', '0.80', '0.50']))).statusCode).toBe(
    200,
  );
  card = await customer('Card Kunde GmbH');
  whole = await customer('Whole Month GmbH');
  upgraded = await customer('Upgrade AG');
  await distribute(whole, 300);
  await distribute(upgraded, 100);
  const now = portal.clock.now();
  const [k] = await insertCustomers(portal.connection.db, [
    {
      companyName: 'Keyed GmbH',
      street: 'Weg 1',
      postalCode: '10115',
      city: 'Berlin',
      country: 'DE',
      contactName: 'K',
      contactEmail: 'k@keys.test',
      serviceMode: 'managed',
      status: 'inactive',
      registeredAt: now,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  keyed = k?.id ?? '';
  await redeemKey(keyed);
  // A card customer's periods as Stripe's events leave them (the checkout itself needs Stripe): 20 + 5 IPs.
  await portal.connection.db.execute(
    sql`update customers set service_mode = 'self-service' where id = ${card}`,
  );
  await portal.connection.db.execute(
    sql`insert into subscriptions (customer_id, ips_internal, ips_external, payment_method, price_version,
          monthly_price_minor, currency, started_at)
        values (${card}, 20, 5, 'credit-card', 1, 5000, 'EUR', ${now.toISOString()}::timestamptz)`,
  );
  await at('2026-11-15T23:00:00Z'); // 16 November, 00:00 in Berlin
  await distribute(upgraded, 300);
  await at('2026-12-01T00:05:00+01:00');
  expect((await api('PUT', '/api/settings/company', COMPLETE_COMPANY)).statusCode).toBe(200);
  expect((await portal.services.monthEnd.run()).invoiced).toBe(6);
});
afterAll(() => portal.dispose());

type Row = Record<(typeof BILLING_DATA_COLUMNS)[number], string>;

function parseCsv(body: string, sep: string): { header: string[]; rows: Row[]; total: string[] } {
  expect(body.startsWith('\uFEFF')).toBe(true);
  const lines = body.slice(1).split('\r\n');
  expect(lines.pop()).toBe('');
  const [header, ...rest] = lines.map((l) => l.split(sep));
  const total = rest.pop() ?? [];
  const rows = rest.map(
    (cells) => Object.fromEntries((header ?? []).map((h, i) => [h, cells[i] ?? ''])) as Row,
  );
  return { header: header ?? [], rows, total };
}

const novemberInvoicesNet = async () => {
  const [row] = await queryRows<{ net: number }>(
    portal.connection.db,
    sql`select sum(net_minor)::int as net from invoices where kind = 'invoice' and billing_month = '2026-11'`,
  );
  return row?.net ?? 0;
};

const cents = (amount: string) => Math.round(Number(amount.replace(',', '.')) * 100);

describe('the monthly billing data', () => {
  it('has one row per customer and period: invoices, an upgrade, a project key and a card customer', async () => {
    const res = await api('GET', '/api/billing-data?month=2026-11&format=csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="billing-data-2026-11.csv"');
    const { header, rows, total } = parseCsv(res.body, ',');
    expect(header).toEqual([...BILLING_DATA_COLUMNS]);
    const pick = (r: Row) => [
      r['Customer number'],
      r['Payment method'],
      r['Period from'],
      r['Period to'],
      r['IPs internal'],
      r['IPs external'],
      r['IPs total'],
      r['Article number'],
      r['Sales amount'],
      r['Purchase amount'],
      r.Margin,
    ];
    const byCustomer = (id: string) => rows.filter((r) => r['Customer number'] === id).map(pick);
    expect(byCustomer(whole)).toEqual([
      [
        whole,
        'invoice',
        '2026-11-01',
        '2026-11-30',
        '300',
        '0',
        '300',
        'IP-S + IP-M + IP-L',
        '450.00',
        '235.00',
        '215.00',
      ],
    ]);
    // Purchase of 100 IPs: 50.00 + 40.00 a month, half of it for 15 of 30 days; 300 IPs: 235.00 a month.
    expect(byCustomer(upgraded)).toEqual([
      [
        upgraded,
        'invoice',
        '2026-11-01',
        '2026-11-15',
        '100',
        '0',
        '100',
        'IP-S + IP-M',
        '87.50',
        '45.00',
        '42.50',
      ],
      [
        upgraded,
        'invoice',
        '2026-11-16',
        '2026-11-30',
        '300',
        '0',
        '300',
        'IP-S + IP-M + IP-L',
        '225.00',
        '117.50',
        '107.50',
      ],
    ]);
    expect(byCustomer(keyed)).toEqual([
      [
        keyed,
        'project-key',
        '2026-11-01',
        '2026-11-30',
        '60',
        '40',
        '100',
        'PROJECT-KEY',
        '125.00',
        '100.00',
        '25.00',
      ],
    ]);
    // Billed by Stripe: computed from the period, 25 IPs at 2.00; bought at 1.00.
    expect(byCustomer(card)).toEqual([
      [card, 'credit-card', '2026-11-01', '2026-11-30', '20', '5', '25', 'IP-S', '50.00', '25.00', '25.00'],
    ]);
    expect(rows.find((r) => r['Customer number'] === card)).toMatchObject({
      Customer: 'Card Kunde GmbH',
      'Service mode': 'self-service',
      'Invoice number': '',
    });
    const wholeInvoice = await queryRows<{ number: string }>(
      portal.connection.db,
      sql`select number from invoices where customer_id = ${whole} and billing_month = '2026-11'`,
    );
    expect(rows.find((r) => r['Customer number'] === whole)?.['Invoice number']).toBe(
      wholeInvoice[0]?.number,
    );
    expect(total[0]).toBe('Total');
    expect(total.slice(10, 13)).toEqual(['937.50', '522.50', '415.00']);
  });

  it("agrees to the cent with the month's invoices", async () => {
    const { rows, total } = parseCsv((await api('GET', '/api/billing-data?month=2026-11')).body, ',');
    const invoiced = rows.filter((r) => r['Payment method'] !== 'credit-card');
    const sales = invoiced.reduce((sum, r) => sum + cents(r['Sales amount']), 0);
    expect(sales).toBe(await novemberInvoicesNet());
    expect(sales).toBe(88_750);
    expect(invoiced.every((r) => r['Invoice number'] !== '')).toBe(true);
    const card = rows.filter((r) => r['Payment method'] === 'credit-card');
    expect(cents(total[10] ?? '')).toBe(sales + card.reduce((sum, r) => sum + cents(r['Sales amount']), 0));
    // October: from the 20th, 12 of 31 days; the same agreement.
    const october = parseCsv((await api('GET', '/api/billing-data?month=2026-10')).body, ',');
    const [oct] = await queryRows<{ net: number }>(
      portal.connection.db,
      sql`select sum(net_minor)::int as net from invoices where kind = 'invoice' and billing_month = '2026-10'`,
    );
    const octSales = october.rows
      .filter((r) => r['Payment method'] !== 'credit-card')
      .reduce((sum, r) => sum + cents(r['Sales amount']), 0);
    expect(octSales).toBe(oct?.net);
    expect(october.rows.every((r) => r['Period from'] === '2026-10-20')).toBe(true);
  });

  it("writes German Excel's dialect with sep=semicolon: semicolons and decimal commas", async () => {
    const res = await api('GET', '/api/billing-data?month=2026-11&format=csv&sep=semicolon');
    const { header, rows, total } = parseCsv(res.body, ';');
    expect(header).toHaveLength(BILLING_DATA_COLUMNS.length);
    expect(rows.find((r) => r['Customer number'] === whole)?.['Sales amount']).toBe('450,00');
    expect(total.slice(10, 13)).toEqual(['937,50', '522,50', '415,00']);
  });

  it('writes an XLSX with money as numbers in a currency format and the periods as dates', async () => {
    const res = await api('GET', '/api/billing-data?month=2026-11&format=xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getRow(1).values).toEqual([undefined, ...BILLING_DATA_COLUMNS]);
    // Header, five period rows, the total.
    expect(sheet.rowCount).toBe(7);
    const wholeRow = [...Array(5)]
      .map((_, i) => sheet.getRow(i + 2))
      .find((r) => r.getCell(2).value === whole);
    expect(wholeRow?.getCell(11).value).toBe(450);
    expect(wholeRow?.getCell(11).numFmt).toContain('"EUR"');
    expect(wholeRow?.getCell(12).value).toBe(235);
    expect(wholeRow?.getCell(5).value).toEqual(new Date('2026-11-01T00:00:00Z'));
    expect(wholeRow?.getCell(9).value).toBe(300);
    const total = sheet.getRow(7);
    expect(total.getCell(1).value).toBe('Total');
    expect([11, 12, 13].map((c) => total.getCell(c).value)).toEqual([937.5, 522.5, 415]);
    let sales = 0;
    for (let r = 2; r <= 6; r++) {
      if (sheet.getRow(r).getCell(4).value !== 'credit-card')
        sales += Math.round(Number(sheet.getRow(r).getCell(11).value) * 100);
    }
    expect(sales).toBe(await novemberInvoicesNet());
  });

  it('writes a PDF summary with the totals per payment method and service mode', async () => {
    const res = await api('GET', '/api/billing-data?month=2026-11&format=pdf');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const dir = mkdtempSync(path.join(tmpdir(), 'billing-data-'));
    try {
      const file = path.join(dir, 'summary.pdf');
      writeFileSync(file, res.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Billing data 2026-11');
      expect(text).toMatch(/All customers\s+4\s+5\s+€937\.50\s+€522\.50\s+€415\.00\s+44\.3 %/);
      // Invoice: 450.00 + 87.50 + 225.00 sold, 235.00 + 45.00 + 117.50 bought.
      expect(text).toMatch(/Invoice\s+2\s+3\s+€762\.50\s+€397\.50\s+€365\.00/);
      expect(text).toMatch(/Project key\s+1\s+1\s+€125\.00\s+€100\.00\s+€25\.00/);
      expect(text).toMatch(/Credit card\s+1\s+1\s+€50\.00\s+€25\.00\s+€25\.00/);
      expect(text).toMatch(/Managed\s+3\s+4\s+€887\.50\s+€497\.50\s+€390\.00/);
      expect(text).toMatch(/Self-service\s+1\s+1\s+€50\.00\s+€25\.00\s+€25\.00/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records every download in the audit log: who, which month, which format', async () => {
    const entries = await queryRows<{ actor_email: string; after: { month: string; format: string } }>(
      portal.connection.db,
      sql`select actor_email, after from audit_log where action = 'billing-data.downloaded' order by id`,
    );
    expect(entries.map((e) => [e.actor_email, e.after.month, e.after.format])).toEqual([
      ['admin@provider.test', '2026-11', 'csv'],
      ['admin@provider.test', '2026-11', 'csv'],
      ['admin@provider.test', '2026-10', 'csv'],
      ['admin@provider.test', '2026-11', 'csv'],
      ['admin@provider.test', '2026-11', 'xlsx'],
      ['admin@provider.test', '2026-11', 'pdf'],
    ]);
  });

  it('refuses a month that has not ended, a malformed month and a customer user', async () => {
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          portal.connection.db,
          sql`select count(*)::int as n from audit_log where action = 'billing-data.downloaded'`,
        )
      )[0]?.n;
    const before = await count();
    for (const month of ['2026-12', '2027-01', '2026-13', 'November', '']) {
      const res = await api('GET', `/api/billing-data?month=${month}&format=csv`);
      expect(res.statusCode, month).toBe(400);
      expect(res.json()).toMatchObject({ field: 'month' });
    }
    expect((await api('GET', '/api/billing-data?month=2026-12')).json().message).toContain('has not ended');
    expect((await api('GET', '/api/billing-data?month=2026-11&format=doc')).statusCode).toBe(400);
    const user = await customerUserCookie();
    expect((await api('GET', '/api/billing-data?month=2026-11', undefined, user)).statusCode).toBe(403);
    expect((await api('GET', '/api/billing-data?month=2026-11', undefined, '')).statusCode).toBe(401);
    expect(await count()).toBe(before);
  });
});

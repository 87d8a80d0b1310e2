import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import { decimalAmount } from '../../lib/csv.ts';
import { createAdmin, createTestPortal, signIn, type TestPortal } from '../../test/harness.ts';
import { fileNameOf } from './invoice-exports.ts';
import { insertTestInvoice } from './test-invoices.ts';

let portal: TestPortal;
let admin: string;

const get = (url: string, cookie = admin) => portal.app.inject({ method: 'GET', url, headers: { cookie } });

const rendered = (n: number) => ({
  xml: `<rsm:CrossIndustryInvoice><ram:ID>${n}</ram:ID>${'<ram:Note>ä</ram:Note>'.repeat(200)}</rsm:CrossIndustryInvoice>`,
  pdf: new Uint8Array([0x25, 0x50, 0x44, 0x46, n, 0x00, 0xff]),
});

let first: Awaited<ReturnType<typeof insertTestInvoice>>;
let second: Awaited<ReturnType<typeof insertTestInvoice>>;

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  portal.clock.set('2026-12-10T09:00:00Z');
  admin = await signIn(portal, 'admin@provider.test');
  const db = portal.connection.db;
  first = await insertTestInvoice(db, {
    customerId: null,
    customerName: '=cmd|calc "Mustermann"; Söhne',
    billingMonth: '2026-11',
    issueDate: '2026-12-01',
    lines: [{ quantity: 333, unitPriceMinor: 107 }],
    rendered: rendered(1),
  });
  second = await insertTestInvoice(db, {
    customerId: null,
    customerName: 'Globex SARL',
    billingMonth: '2026-11',
    issueDate: '2026-12-01',
    issuedAt: new Date('2026-12-01T06:00:01Z'),
    vatCategory: 'AE',
    rendered: rendered(2),
  });
  // Another month: in neither export of November.
  await insertTestInvoice(db, { customerId: null, billingMonth: '2026-10', issueDate: '2026-11-01' });
});
afterAll(() => portal.dispose());

describe('amounts and file names', () => {
  it('writes cents as exact decimals and keeps numbers usable as file names', () => {
    expect(decimalAmount(123456, '.')).toBe('1234.56');
    expect(decimalAmount(-5, ',')).toBe('-0,05');
    expect(decimalAmount(0, '.')).toBe('0.00');
    expect(fileNameOf('RE/2026/000001', 'pdf')).toBe('RE-2026-000001.pdf');
  });
});

describe('the CSV export', () => {
  it("lists a month's invoices in DATEV-style columns, UTF-8 with BOM, safe against formulas", async () => {
    const res = await get('/api/invoices/export.csv?month=2026-11');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="invoices-2026-11.csv"');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toEqual([
      'Number,Date,Type,Customer,Customer ID,Net,VAT,Gross,VAT category,Currency,Credited invoice',
      // 333 × 1.07 = 356.31; VAT 19 % = 67.6989 → 67.70.
      `${first.number},2026-12-01,invoice,"'=cmd|calc ""Mustermann""; Söhne",,356.31,67.70,424.01,S,EUR,`,
      `${second.number},2026-12-01,invoice,Globex SARL,,150.00,0.00,150.00,AE,EUR,`,
      '',
    ]);
    expect(
      await queryRows(
        portal.connection.db,
        sql`select after from audit_log where action = 'invoices.exported'`,
      ),
    ).toEqual([{ after: { month: '2026-11', format: 'csv' } }]);
  });

  it('writes semicolons and decimal commas for German Excel', async () => {
    const res = await get('/api/invoices/export.csv?month=2026-11&sep=semicolon');
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Number;Date;Type;Customer;Customer ID;Net;VAT;Gross;VAT category;Currency;Credited invoice',
    );
    expect(lines[1]).toBe(
      `${first.number};2026-12-01;invoice;"'=cmd|calc ""Mustermann""; Söhne";;356,31;67,70;424,01;S;EUR;`,
    );
  });

  it('refuses a missing or malformed month and another separator, naming the field', async () => {
    for (const [query, field] of [
      ['', 'month'],
      ['?month=2026-1', 'month'],
      ['?month=2026-11&sep=tab', 'sep'],
    ]) {
      const res = await get(`/api/invoices/export.csv${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
  });
});

describe('the ZIP export', () => {
  it("holds each of the month's PDFs and XMLs, named by number", async () => {
    const res = await get('/api/invoices/export.zip?month=2026-11');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="invoices-2026-11.zip"');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files).sort()).toEqual(
      [`${first.number}.pdf`, `${first.number}.xml`, `${second.number}.pdf`, `${second.number}.xml`].sort(),
    );
    expect(files[`${second.number}.pdf`]).toEqual(rendered(2).pdf);
    expect(new TextDecoder().decode(files[`${first.number}.xml`])).toBe(rendered(1).xml);
  });

  it('reads a large month batch by batch without losing or repeating one, also at equal issue instants', async () => {
    const issuedAt = new Date('2026-10-01T06:00:00Z');
    const numbers: string[] = [];
    for (let i = 0; i < 53; i++) {
      const inserted = await insertTestInvoice(portal.connection.db, {
        customerId: null,
        billingMonth: '2026-09',
        issueDate: '2026-10-01',
        issuedAt,
        rendered: rendered(i),
      });
      numbers.push(`${inserted.number}.pdf`, `${inserted.number}.xml`);
    }
    const res = await get('/api/invoices/export.zip?month=2026-09');
    expect(Object.keys(unzipSync(new Uint8Array(res.rawPayload))).sort()).toEqual(numbers.sort());
  });

  it('gives an empty archive for a month without invoices', async () => {
    const res = await get('/api/invoices/export.zip?month=2025-01');
    expect(res.statusCode).toBe(200);
    expect(Object.keys(unzipSync(new Uint8Array(res.rawPayload)))).toEqual([]);
  });

  it('refuses a month whose documents are still being rendered', async () => {
    const res = await get('/api/invoices/export.zip?month=2026-10');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'INVOICE_DOCUMENTS_PENDING',
      message: expect.stringContaining('1 '),
    });
  });

  it('is for admins only', async () => {
    expect((await get('/api/invoices/export.zip?month=2026-11', '')).statusCode).toBe(401);
    expect((await get('/api/invoices/export.csv?month=2026-11', '')).statusCode).toBe(401);
  });
});

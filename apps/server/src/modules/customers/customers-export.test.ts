import { CustomerExportRecord, type CustomerExportRecord as ExportRecord } from '@vmsp/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import { createAdmin, createTestPortal, signIn, type TestPortal } from '../../test/harness.ts';
import { insertCustomers } from './customers.repository.ts';
import { exportCsv } from './customers-export.ts';

let portal: TestPortal;
let admin: string;

const get = (url: string) => portal.app.inject({ method: 'GET', url, headers: { cookie: admin } });

/** RFC 4180 fields of one file: quoted fields may hold the separator, quotes ("") and line breaks. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field, 'the file ends with CRLF').toBe('');
  return rows;
}

/** The CSV's rows as objects by its header, and the header itself. */
function csvRecords(body: string, separator: string) {
  expect(body.startsWith('\uFEFF'), 'UTF-8 byte-order mark').toBe(true);
  const [header = [], ...rows] = parseCsv(body.slice(1), separator);
  for (const row of rows) expect(row).toHaveLength(header.length);
  return {
    header,
    byName: new Map(
      rows.map((row) => {
        const record = Object.fromEntries(header.map((name, i) => [name, row[i] ?? '']));
        return [record.companyName ?? '', record];
      }),
    ),
  };
}

const address = { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' };

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  admin = await signIn(portal, 'admin@provider.test');
  const now = new Date('2026-02-01T10:00:00Z');
  const customer = (companyName: string, fields: object) => ({
    companyName,
    ...address,
    contactName: 'Erika Mustermann',
    contactEmail: `${companyName.length}-${companyName.replace(/\W/g, '').toLowerCase()}@export.test`,
    serviceMode: 'managed' as const,
    status: 'active' as const,
    createdAt: now,
    updatedAt: now,
    ...fields,
  });
  await insertCustomers(portal.connection.db, [
    // 300 IPs for 450.00: 1.50 each.
    customer('Spec GmbH', {
      ipsInternal: 200,
      ipsExternal: 100,
      paymentMethod: 'invoice',
      monthlyPriceMinor: 45_000,
    }),
    // 5.00 / 3 = 1.6666… → 1.67, and 0.05 / 2 = 0.025 → 0.03: half-up to the cent.
    customer('Thirds AG', {
      ipsInternal: 3,
      ipsExternal: 0,
      paymentMethod: 'credit-card',
      monthlyPriceMinor: 500,
    }),
    customer('Half Cent KG', {
      ipsInternal: 1,
      ipsExternal: 1,
      paymentMethod: 'invoice',
      monthlyPriceMinor: 5,
    }),
    customer('Nothing Yet GmbH', { status: 'inactive' }),
    customer('=HYPERLINK("x"); Evil, Inc.', {
      ipsInternal: 10,
      ipsExternal: 0,
      paymentMethod: 'invoice',
      monthlyPriceMinor: 123_456_789,
      vatId: 'DE123456789',
      billingAddress: { street: 'Line 1\nLine 2', postalCode: '20095', city: 'Hamburg', country: 'DE' },
    }),
  ]);
});
afterAll(() => portal.dispose());

describe('the customer export', () => {
  it('as JSON: money as decimal strings beside the cents and the currency, the average rounded half-up', async () => {
    const res = await get('/api/customers/export?q=export.test');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const records = res.json() as ExportRecord[];
    for (const record of records) CustomerExportRecord.parse(record);
    const byName = new Map(records.map((r) => [r.companyName, r]));
    expect(byName.get('Spec GmbH')).toMatchObject({
      monthlyPrice: '450.00',
      monthlyPriceMinor: 45_000,
      currency: 'EUR',
      averageIpPrice: '1.50',
      subscription: { ipsInternal: 200, ipsExternal: 100, monthlyPrice: '450.00', monthlyPriceMinor: 45_000 },
    });
    expect(byName.get('Thirds AG')).toMatchObject({ monthlyPrice: '5.00', averageIpPrice: '1.67' });
    expect(byName.get('Half Cent KG')).toMatchObject({ monthlyPrice: '0.05', averageIpPrice: '0.03' });
    expect(byName.get('Nothing Yet GmbH')).toMatchObject({
      monthlyPrice: null,
      monthlyPriceMinor: null,
      currency: null,
      averageIpPrice: null,
      subscription: null,
    });
    expect(byName.get('=HYPERLINK("x"); Evil, Inc.')).toMatchObject({
      monthlyPrice: '1234567.89',
      monthlyPriceMinor: 123_456_789,
    });
  });

  it('as CSV: UTF-8 with BOM, a header, one line per customer, formulas defused, amounts with a point', async () => {
    const res = await get('/api/customers/export?q=export.test&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const { header, byName } = csvRecords(res.body, ',');
    expect(header).toEqual([
      'id',
      'companyName',
      'contactName',
      'contactEmail',
      'serviceMode',
      'status',
      'ipsInternal',
      'ipsExternal',
      'ipsTotal',
      'paymentMethod',
      'monthlyPrice',
      'monthlyPriceMinor',
      'currency',
      'averageIpPrice',
      'street',
      'postalCode',
      'city',
      'country',
      'vatId',
      'billingStreet',
      'billingPostalCode',
      'billingCity',
      'billingCountry',
      'createdAt',
    ]);
    expect(byName.size).toBe(5);
    expect(byName.get('Spec GmbH')).toMatchObject({
      ipsInternal: '200',
      ipsExternal: '100',
      ipsTotal: '300',
      paymentMethod: 'invoice',
      monthlyPrice: '450.00',
      monthlyPriceMinor: '45000',
      currency: 'EUR',
      averageIpPrice: '1.50',
      street: 'Hauptstraße 1',
      billingStreet: '',
      createdAt: '2026-02-01T10:00:00.000Z',
    });
    expect(byName.get('Thirds AG')).toMatchObject({ averageIpPrice: '1.67' });
    expect(byName.get('Nothing Yet GmbH')).toMatchObject({
      monthlyPrice: '',
      monthlyPriceMinor: '',
      currency: '',
      averageIpPrice: '',
    });
    // The formula starts with an apostrophe; the comma, semicolon, quotes and line break survive quoting.
    expect(byName.get(`'=HYPERLINK("x"); Evil, Inc.`)).toMatchObject({
      monthlyPrice: '1234567.89',
      vatId: 'DE123456789',
      billingStreet: 'Line 1\nLine 2',
      billingCity: 'Hamburg',
    });
  });

  it("as German Excel's CSV: semicolons between fields and decimal commas", async () => {
    const res = await get('/api/customers/export?q=export.test&format=csv&sep=semicolon');
    expect(res.statusCode).toBe(200);
    const { header, byName } = csvRecords(res.body, ';');
    expect(header).toHaveLength(24);
    expect(byName.get('Spec GmbH')).toMatchObject({
      monthlyPrice: '450,00',
      monthlyPriceMinor: '45000',
      averageIpPrice: '1,50',
    });
    expect(byName.get('Half Cent KG')).toMatchObject({ monthlyPrice: '0,05', averageIpPrice: '0,03' });
    expect(byName.get(`'=HYPERLINK("x"); Evil, Inc.`)).toMatchObject({ monthlyPrice: '1234567,89' });
  });

  it('records the format in the audit entry and refuses an unknown format or separator naming the field', async () => {
    const [entry] = await queryRows<{ after: { format: string; filter: { q: string } } }>(
      portal.connection.db,
      sql`select after from audit_log where action = 'customers.exported' order by id desc limit 1`,
    );
    expect(entry?.after).toMatchObject({ format: 'csv', filter: { q: 'export.test' } });
    expect((await get('/api/customers/export?format=xlsx')).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'format',
    });
    expect((await get('/api/customers/export?format=csv&sep=tab')).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'sep',
    });
  });

  it('writes the CSV a chunk per batch, holding no more than one batch', async () => {
    const record = (i: number): ExportRecord => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      companyName: `Customer ${i}`,
      contactName: 'Erika Mustermann',
      contactEmail: `c${i}@export.test`,
      serviceMode: 'managed',
      status: 'active',
      ipsInternal: 1,
      ipsExternal: 0,
      paymentMethod: 'invoice',
      monthlyPrice: '2.00',
      monthlyPriceMinor: 200,
      currency: 'EUR',
      averageIpPrice: '2.00',
      address,
      vatId: null,
      billingAddress: null,
      createdAt: '2026-02-01T10:00:00.000Z',
      subscription: null,
    });
    let produced = 0;
    async function* batches() {
      for (let b = 0; b < 3; b++) {
        produced += 1;
        yield [record(2 * b), record(2 * b + 1)];
      }
    }
    const chunks: string[] = [];
    for await (const chunk of exportCsv(batches(), 'comma')) {
      chunks.push(chunk);
      // Each chunk is written before the next batch is asked for.
      expect(produced).toBe(chunks.length - 1);
    }
    expect(chunks).toHaveLength(4);
    expect(chunks.slice(1).every((chunk) => chunk.split('\r\n').length === 3)).toBe(true);
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import { createAdmin, createTestPortal, signIn, type TestPortal } from '../../test/harness.ts';
import { COMPLETE_COMPANY } from './company-settings.fixtures.ts';
import { RENDER_INVOICES_JOB } from './invoice-rendering.jobs.ts';
import { insertTestInvoice } from './test-invoices.ts';

let portal: TestPortal;
let admin: string;

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, cookie = admin) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

const credit = (id: string, body: object = { reason: 'Billed twice' }, cookie = admin) =>
  api('POST', `/api/invoices/${id}/credit-notes`, body, cookie);

const count = async (query: ReturnType<typeof sql>) =>
  (await queryRows<{ n: number }>(portal.connection.db, query))[0]?.n;
const creditNoteCount = () => count(sql`select count(*)::int as n from invoices where kind = 'credit-note'`);
const lastSeq = () => count(sql`select last_seq as n from invoice_number_counters where year = 2026`);
const renderJobs = () =>
  count(sql`select count(*)::int as n from pgboss.job where name = ${RENDER_INVOICES_JOB.name}`);

/** 50 × 2.00 + 200 × 1.50 + 100 × 1.00 = 500.00 net, 95.00 VAT, 595.00 gross. */
const threeLines = [
  { quantity: 50, unitPriceMinor: 200 },
  { quantity: 200, unitPriceMinor: 150 },
  { quantity: 100, unitPriceMinor: 100 },
];

let month = 0;
/** A fresh invoice of its own billing month (one invoice per customer and month). */
const newInvoice = (lines = threeLines) => {
  month += 1;
  return insertTestInvoice(portal.connection.db, {
    customerId: null,
    customerName: 'Acme GmbH',
    billingMonth: `2025-${String(month).padStart(2, '0')}`,
    issueDate: '2026-01-05',
    lines,
  });
};

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  portal.clock.set('2026-02-10T09:00:00Z');
  admin = await signIn(portal, 'admin@provider.test');
});
afterAll(() => portal.dispose());

describe('credit notes', () => {
  it('are refused while Settings → Company is incomplete, and nothing is issued', async () => {
    const invoice = await newInvoice();
    const res = await credit(invoice.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('INVOICING_NOT_CONFIGURED');
    expect(await creditNoteCount()).toBe(0);
    const saved = await api('PUT', '/api/settings/company', COMPLETE_COMPANY);
    expect(saved.statusCode, saved.body).toBe(200);
  });

  it('credit chosen lines: the next number, the invoice still open for the rest, audit, rendering queued', async () => {
    const invoice = await newInvoice();
    const seq = (await lastSeq()) ?? 0;
    const jobsBefore = (await renderJobs()) ?? 0;
    const res = await credit(invoice.id, { reason: 'Line 2 was billed twice', lineIds: [2] });
    expect(res.statusCode, res.body).toBe(201);
    const details = res.json();
    const number = `RE-2026-${String(seq + 1).padStart(6, '0')}`;
    expect(details).toMatchObject({
      id: invoice.id,
      status: 'issued',
      creditableGrossMinor: 59500 - 35700,
      creditedLineIds: [2],
    });
    expect(details.creditNotes).toEqual([
      expect.objectContaining({
        number,
        kind: 'credit-note',
        status: 'issued',
        issueDate: '2026-02-10',
        dueDate: '2026-02-24',
        netMinor: 30000,
        vatMinor: 5700,
        grossMinor: 35700,
        creditedInvoiceNumber: invoice.number,
        documentsReady: false,
      }),
    ]);
    expect(details.history).toEqual([
      expect.objectContaining({
        action: 'invoice.credit-note-issued',
        actorEmail: 'admin@provider.test',
        detail: `${number}: Line 2 was billed twice`,
      }),
    ]);
    const note = (await api('GET', `/api/invoices/${details.creditNotes[0].id}`)).json();
    expect(note).toMatchObject({
      kind: 'credit-note',
      reason: 'Line 2 was billed twice',
      creditNotes: [],
      creditableGrossMinor: 0,
      history: [expect.objectContaining({ action: 'credit-note.issued' })],
    });
    expect(note.lines).toEqual([
      expect.objectContaining({ quantity: 200, unitPriceMinor: 150, netMinor: 30000 }),
    ]);
    expect(await renderJobs()).toBe(jobsBefore + 1);

    // The list counts the credit note negative.
    const list = (await api('GET', `/api/invoices?month=${invoice.document.billingMonth}`)).json();
    expect(list).toMatchObject({ total: 2, totals: { netMinor: 20000, vatMinor: 3800, grossMinor: 23800 } });
  });

  it('refuses a credit over what is left and changes nothing; the rest cancels the invoice', async () => {
    const invoice = await newInvoice();
    expect((await credit(invoice.id, { reason: 'Partial', lineIds: [1] })).statusCode).toBe(201);
    const seq = await lastSeq();
    const notes = await creditNoteCount();

    const over = await credit(invoice.id, { reason: 'Lines 1 and 2', lineIds: [2, 1] });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({
      code: 'CREDIT_EXCEEDS_INVOICE',
      field: 'lineIds',
      message: expect.stringContaining('line 1 was credited already'),
    });
    expect(await creditNoteCount()).toBe(notes);
    expect(await lastSeq()).toBe(seq);
    expect((await api('GET', `/api/invoices/${invoice.id}`)).json()).toMatchObject({
      status: 'issued',
      creditableGrossMinor: 59500 - 11900,
    });

    // Without chosen lines, a credit note takes every line still open.
    const rest = await credit(invoice.id, { reason: 'The rest' });
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json()).toMatchObject({
      status: 'cancelled',
      creditableGrossMinor: 0,
      creditedLineIds: [1, 2, 3],
    });
    expect(rest.json().creditNotes.map((n: { grossMinor: number }) => n.grossMinor)).toEqual([11900, 47600]);
    // Numbers stay gapless: the refused credit note took none.
    expect(await lastSeq()).toBe((seq ?? 0) + 1);
  });

  it('credits the last open line although VAT rounded per document makes it a cent more than is left', async () => {
    // 2 × 0.03 net: VAT 0.0114 → 0.01, gross 0.07. Each line alone: VAT 0.0057 → 0.01, gross 0.04.
    const invoice = await newInvoice([
      { quantity: 1, unitPriceMinor: 3 },
      { quantity: 1, unitPriceMinor: 3 },
    ]);
    const first = await credit(invoice.id, { reason: 'one', lineIds: [2] });
    expect(first.json()).toMatchObject({ status: 'issued', creditableGrossMinor: 3 });
    const last = await credit(invoice.id, { reason: 'two', lineIds: [1, 1] });
    expect(last.statusCode, last.body).toBe(201);
    expect(last.json()).toMatchObject({ status: 'cancelled', creditableGrossMinor: 0 });
    expect(last.json().creditNotes.map((n: { grossMinor: number }) => n.grossMinor)).toEqual([4, 4]);
  });

  it('a full credit cancels the invoice; a cancelled invoice and a credit note are neither credited nor paid', async () => {
    const invoice = await newInvoice();
    const full = await credit(invoice.id);
    expect(full.json()).toMatchObject({ status: 'cancelled', creditableGrossMinor: 0 });
    const noteId = full.json().creditNotes[0].id;
    expect(full.json().creditNotes[0]).toMatchObject({ netMinor: 50000, vatMinor: 9500, grossMinor: 59500 });

    for (const id of [invoice.id, noteId]) {
      const again = await credit(id);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('INVOICE_NOT_CREDITABLE');
      const paid = await api('POST', `/api/invoices/${id}/paid`, { paidOn: '2026-02-01' });
      expect(paid.statusCode).toBe(409);
      expect(paid.json().code).toBe('INVOICE_NOT_PAYABLE');
    }
    expect((await api('GET', `/api/invoices/${noteId}`)).json().status).toBe('issued');
  });

  it('refuses unknown lines and a missing reason, naming the field', async () => {
    const invoice = await newInvoice();
    const unknown = await credit(invoice.id, { reason: 'x', lineIds: [4] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'lineIds' });
    const noReason = await credit(invoice.id, { reason: '  ' });
    expect(noReason.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    const empty = await credit(invoice.id, { reason: 'x', lineIds: [] });
    expect(empty.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'lineIds' });
    expect((await credit('7c6f3f4e-1111-4ab0-9f00-000000000000')).statusCode).toBe(404);
    expect((await api('GET', `/api/invoices/${invoice.id}`)).json().creditNotes).toEqual([]);
  });

  it('is for admins only', async () => {
    const invoice = await newInvoice();
    expect((await credit(invoice.id, { reason: 'x' }, '')).statusCode).toBe(401);
  });

  it('of two concurrent full credits, exactly one is issued', async () => {
    const invoice = await newInvoice();
    const notes = (await creditNoteCount()) ?? 0;
    const results = await Promise.all([credit(invoice.id), credit(invoice.id), credit(invoice.id)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((r) => r.statusCode === 409)) {
      expect(['CREDIT_EXCEEDS_INVOICE', 'INVOICE_NOT_CREDITABLE']).toContain(r.json().code);
    }
    expect(await creditNoteCount()).toBe(notes + 1);
    expect((await api('GET', `/api/invoices/${invoice.id}`)).json()).toMatchObject({
      status: 'cancelled',
      creditNotes: [expect.objectContaining({ grossMinor: 59500 })],
    });
  });

  it('of two concurrent partial credits that together exceed the rest, one is refused', async () => {
    const invoice = await newInvoice();
    expect((await credit(invoice.id, { reason: 'first', lineIds: [1] })).statusCode).toBe(201);
    // Left: 476.00. Lines 2 (357.00) and 2+3 (476.00) fit alone, not together.
    const results = await Promise.all([
      credit(invoice.id, { reason: 'a', lineIds: [2] }),
      credit(invoice.id, { reason: 'b', lineIds: [2, 3] }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const details = (await api('GET', `/api/invoices/${invoice.id}`)).json();
    const credited = details.creditNotes.reduce(
      (sum: number, n: { grossMinor: number }) => sum + n.grossMinor,
      0,
    );
    expect(credited).toBeLessThanOrEqual(59500);
    expect(details.creditableGrossMinor).toBe(59500 - credited);
  });
});

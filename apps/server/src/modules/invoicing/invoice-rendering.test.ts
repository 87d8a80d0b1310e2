import type { InvoiceDocument } from '@vmsp/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import { invoices, mails } from '../../db/schema.ts';
import {
  createAdmin,
  createTestPortal,
  invitedCustomer,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from '../../test/smtp-server.ts';
import { COMPLETE_COMPANY } from './company-settings.fixtures.ts';
import { renderInvoiceDocuments } from './documents/invoice-documents.ts';
import { RENDER_INVOICES_JOB } from './invoice-rendering.jobs.ts';
import { InvoiceRenderingService } from './invoice-rendering.service.ts';
import { insertTestInvoice } from './test-invoices.ts';

let portal: TestPortal;
let smtp: TestSmtpServer;
let admin: string;

const api = (method: 'PUT', url: string, payload: object) =>
  portal.app.inject({ method, url, payload, headers: { cookie: admin } });
const smtpSettings = () => ({
  transport: 'smtp',
  host: '127.0.0.1',
  port: smtp.port,
  encryption: 'none',
  fromAddress: 'billing@provider.test',
  fromName: 'Provider',
});

beforeAll(async () => {
  [portal, smtp] = await Promise.all([
    createTestPortal({ env: { MAIL_RETRY_DELAY_SECONDS: '1' }, jobs: true }),
    startSmtpServer(),
  ]);
  portal.clock.set('2026-12-01T09:00:00Z');
  await createAdmin(portal, 'admin@provider.test');
  admin = await signIn(portal, 'admin@provider.test');
  const mail = await api('PUT', '/api/settings/mail', smtpSettings());
  expect(mail.statusCode, mail.body).toBe(200);
  const company = await api('PUT', '/api/settings/company', COMPLETE_COMPANY);
  expect(company.statusCode, company.body).toBe(200);
});
afterAll(async () => {
  await Promise.all([portal?.dispose(), smtp?.stop()]);
});

const rowOf = async (id: string) => {
  const [row] = await portal.connection.db.select().from(invoices).where(eq(invoices.id, id));
  if (!row) throw new Error(`invoice ${id} is gone`);
  return row;
};
const mailOf = async (id: string) => {
  const [row] = await portal.connection.db.select().from(mails).where(eq(mails.id, id));
  if (!row) throw new Error(`mail ${id} is gone`);
  return row;
};
const auditOf = (id: string) =>
  queryRows<{ action: string; after: { detail: string | null } }>(
    portal.connection.db,
    sql`select action, after from audit_log where object_type = 'invoice' and object_id = ${id} order by id`,
  );

/** A November invoice with its documents rendered (and mailed, when a mail server is set up). */
async function renderedInvoice() {
  const invoice = await insertTestInvoice(portal.connection.db, {
    customerId: null,
    billingMonth: '2026-11',
    issueDate: '2026-12-01',
  });
  await portal.services.invoiceRendering.renderPending();
  return invoice;
}

/** Polls until the invoice's documents are stored; bounded, so a broken job fails the test instead of hanging it. */
async function waitForRendered(id: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await rowOf(id);
    if (row.renderedAt) return row;
    if (Date.now() > deadline) throw new Error(`invoice ${id} was not rendered within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A credit note over the whole invoice, written as the credit-note service issues one (type 381, its reason). */
async function insertCreditNote(invoice: { id: string; number: string; document: InvoiceDocument }) {
  const number = `${invoice.number}-C`;
  const document: InvoiceDocument = {
    ...invoice.document,
    typeCode: '381',
    number,
    notes: ['Wrong IP count'],
    precedingInvoice: { number: invoice.number, issueDate: invoice.document.issueDate },
  };
  const at = new Date('2026-12-05T10:00:00Z');
  const [row] = await portal.connection.db
    .insert(invoices)
    .values({
      number,
      kind: 'credit-note',
      customerId: null,
      customerName: document.buyer.name,
      billingMonth: document.billingMonth,
      issuedAt: at,
      issueDate: '2026-12-05',
      dueDate: '2026-12-05',
      currency: document.currency,
      netMinor: document.totals.netMinor,
      vatMinor: document.totals.vatMinor,
      grossMinor: document.totals.grossMinor,
      vatCategory: 'S',
      language: document.language,
      status: 'issued',
      creditedInvoiceId: invoice.id,
      reason: 'Wrong IP count',
      document,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: invoices.id });
  if (!row) throw new Error('no credit note');
  return { id: row.id, number };
}

describe('rendering issued invoices', () => {
  it('stores the XML and PDF of an invoice the job finds, and mails the PDF to the buyer in the invoice’s language', async () => {
    const invoice = await insertTestInvoice(portal.connection.db, {
      customerId: null,
      billingMonth: '2026-11',
      issueDate: '2026-12-01',
      language: 'de',
    });
    await portal.jobs.send(RENDER_INVOICES_JOB, {}, { singletonKey: 'invoices.render' });
    const row = await waitForRendered(invoice.id);

    expect(row.xml).toContain('CrossIndustryInvoice');
    expect(row.xml).toContain(invoice.number);
    const pdf = Buffer.from(row.pdf ?? new Uint8Array());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(row.mailId).not.toBeNull();

    const mail = await mailOf(row.mailId ?? '');
    expect(mail).toMatchObject({
      toAddress: 'billing@customer.test',
      template: 'invoice-issued',
      subject: `Rechnung ${invoice.number} für November 2026`,
      attachments: [
        {
          filename: `${invoice.number}.pdf`,
          contentType: 'application/pdf',
          source: { kind: 'invoice-pdf', id: invoice.id },
        },
      ],
    });
    expect(mail.text).toContain('über 178,50\u00a0€');
    expect(mail.text).toContain('bis zum 15. Dezember 2026');
    expect(mail.text).toContain('IBAN: DE89370400440532013000');

    // At a real SMTP server: the very bytes stored, as a PDF attachment named after the number.
    const [received] = await smtp.waitFor(1);
    expect(received?.to).toEqual(['billing@customer.test']);
    expect(received?.subject).toBe(`Rechnung ${invoice.number} für November 2026`);
    expect(received?.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`${invoice.number}.pdf`, 'application/pdf'],
    ]);
    expect(Buffer.compare(received?.attachments[0]?.content ?? Buffer.alloc(0), pdf)).toBe(0);

    expect(await auditOf(invoice.id)).toEqual([
      expect.objectContaining({
        action: 'invoice.rendered',
        after: expect.objectContaining({ detail: null }),
      }),
      expect.objectContaining({
        action: 'invoice.mailed',
        after: expect.objectContaining({ detail: 'billing@customer.test' }),
      }),
    ]);
  });

  it('mails a credit note with its invoice’s number, amount and reason', async () => {
    const invoice = await insertTestInvoice(portal.connection.db, {
      customerId: null,
      billingMonth: '2026-11',
      issueDate: '2026-12-01',
      language: 'en',
      rendered: { xml: '<x/>', pdf: new Uint8Array([1]) },
    });
    const note = await insertCreditNote(invoice);
    await portal.services.invoiceRendering.renderPending();
    const row = await rowOf(note.id);
    expect(row.renderedAt).not.toBeNull();
    const mail = await mailOf(row.mailId ?? '');
    expect(mail.template).toBe('credit-note-issued');
    expect(mail.subject).toBe(`Credit note ${note.number} for invoice ${invoice.number}`);
    expect(mail.text).toContain('over €178.50');
    expect(mail.text).toContain('Reason: Wrong IP count');
    expect(mail.attachments).toEqual([
      {
        filename: `${note.number}.pdf`,
        contentType: 'application/pdf',
        source: { kind: 'invoice-pdf', id: note.id },
      },
    ]);
  });

  it('renders each invoice exactly once when two runs work at the same time', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 45; i += 1) {
      const { id } = await insertTestInvoice(portal.connection.db, {
        customerId: null,
        billingMonth: '2026-11',
        issueDate: '2026-12-01',
      });
      ids.push(id);
    }
    const rendering = portal.services.invoiceRendering;
    await Promise.all([rendering.renderPending(), rendering.renderPending()]);

    const rows = await queryRows<{ id: string; rendered: boolean; mail_id: string | null }>(
      portal.connection.db,
      sql`select id, rendered_at is not null as rendered, mail_id from invoices where id = any(${`{${ids.join(',')}}`}::uuid[])`,
    );
    expect(rows.filter((r) => r.rendered)).toHaveLength(45);
    expect(new Set(rows.map((r) => r.mail_id)).size).toBe(45);
    const idList = `{${ids.join(',')}}`;
    const [counts] = await queryRows<{ mails: number; rendered: number }>(
      portal.connection.db,
      sql`select
            (select count(*)::int from mails m, jsonb_array_elements(m.attachments) a
              where a->'source'->>'id' = any(${idList}::text[])) as mails,
            (select count(*)::int from audit_log
              where action = 'invoice.rendered' and object_id = any(${idList}::text[])) as rendered`,
    );
    expect(counts).toEqual({ mails: 45, rendered: 45 });
  });

  it('holds no transaction and no lock while documents render, so the database serves others meanwhile', async () => {
    const invoice = await insertTestInvoice(portal.connection.db, {
      customerId: null,
      billingMonth: '2026-11',
      issueDate: '2026-12-01',
    });
    let renderingStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      renderingStarted = resolve;
    });
    let finishRendering!: () => void;
    const finish = new Promise<void>((resolve) => {
      finishRendering = resolve;
    });
    const { services } = portal;
    const rendering = new InvoiceRenderingService({
      db: portal.connection.db,
      clock: portal.clock,
      mail: services.mail,
      audit: services.audit,
      companySettings: services.companySettings,
      render: async (doc, options) => {
        renderingStarted();
        await finish;
        return renderInvoiceDocuments(doc, options);
      },
    });
    const run = rendering.renderPending();
    await started;
    // Mid-render: the invoice's row can be locked at once (NOWAIT fails on a held lock), and on the embedded
    // database's one connection this transaction would wait for an open one.
    const locked = await portal.connection.db.transaction((tx) =>
      queryRows<{ id: string }>(tx, sql`select id from invoices where id = ${invoice.id} for update nowait`),
    );
    expect(locked).toEqual([{ id: invoice.id }]);
    expect((await rowOf(invoice.id)).renderedAt).toBeNull();
    finishRendering();
    await run;
    const row = await rowOf(invoice.id);
    expect(row.renderedAt).not.toBeNull();
    expect(row.mailId).not.toBeNull();
  });

  it('renders the others when one document cannot be rendered, and fails the run naming it', async () => {
    const good = await insertTestInvoice(portal.connection.db, {
      customerId: null,
      billingMonth: '2026-11',
      issueDate: '2026-12-01',
    });
    const bad = await insertTestInvoice(portal.connection.db, {
      customerId: null,
      billingMonth: '2026-11',
      issueDate: '2026-11-30',
    });
    // A document the renderer cannot read (no lines at all, as no issuer writes it).
    await portal.connection.db
      .update(invoices)
      .set({ document: { ...bad.document, lines: null } })
      .where(eq(invoices.id, bad.id));

    await expect(portal.services.invoiceRendering.renderPending()).rejects.toThrow(
      new RegExp(`1 documents could not be rendered: ${bad.number}: `),
    );
    expect((await rowOf(good.id)).renderedAt).not.toBeNull();
    expect((await rowOf(bad.id)).renderedAt).toBeNull();
    // Out of the way for the tests after this one (and the scheduled runs).
    await portal.connection.db.delete(invoices).where(eq(invoices.id, bad.id));
  });

  it('stores the documents without a mail while no mail server is configured, and says so in the history', async () => {
    const off = await api('PUT', '/api/settings/mail', { transport: 'none' });
    expect(off.statusCode, off.body).toBe(200);
    const invoice = await renderedInvoice();
    const row = await rowOf(invoice.id);
    expect(row.renderedAt).not.toBeNull();
    expect(row.mailId).toBeNull();
    expect(await auditOf(invoice.id)).toEqual([
      expect.objectContaining({
        action: 'invoice.rendered',
        after: expect.objectContaining({ detail: 'Not mailed: no mail server' }),
      }),
    ]);
  });
});

describe('Send by e-mail', () => {
  const send = (id: string, to: unknown, cookie = admin) =>
    portal.app.inject({
      method: 'POST',
      url: `/api/invoices/${id}/mail`,
      payload: { to },
      headers: { cookie },
    });
  const mailIds = async () =>
    (await portal.connection.db.select({ id: mails.id }).from(mails)).map((m) => m.id).sort();

  it('is refused while no mail server is configured, and queues nothing', async () => {
    const off = await api('PUT', '/api/settings/mail', { transport: 'none' });
    expect(off.statusCode, off.body).toBe(200);
    const invoice = await renderedInvoice();
    const before = await mailIds();

    const res = await send(invoice.id, 'accounts@customer.test');
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'MAIL_NOT_CONFIGURED' });
    expect(await mailIds()).toEqual(before);
    expect((await rowOf(invoice.id)).mailId).toBeNull();
    expect((await auditOf(invoice.id)).map((e) => e.action)).toEqual(['invoice.rendered']);
  });

  it('mails an invoice issued without a mail server once there is one, to the address given, naming the admin', async () => {
    const invoice = await renderedInvoice();
    expect((await rowOf(invoice.id)).mailId, 'not mailed at issue').toBeNull();
    const on = await api('PUT', '/api/settings/mail', smtpSettings());
    expect(on.statusCode, on.body).toBe(200);
    const res = await send(invoice.id, ' Accounts@Customer.test ');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().history.at(-1)).toMatchObject({
      action: 'invoice.mailed',
      actorEmail: 'admin@provider.test',
      detail: 'accounts@customer.test',
    });
    const row = await rowOf(invoice.id);
    expect(await mailOf(row.mailId ?? '')).toMatchObject({
      toAddress: 'accounts@customer.test',
      template: 'invoice-issued',
    });

    // At a real SMTP server (beside mails of earlier tests that went out once the server was back): the stored
    // PDF, attached under the invoice's number.
    let mail: ReceivedMail | undefined;
    for (let n = smtp.messages.length + 1; !mail; n++)
      mail = (await smtp.waitFor(n)).find((m) => m.to.includes('accounts@customer.test'));
    expect(mail?.subject).toBe(`Invoice ${invoice.number} for November 2026`);
    expect(mail?.attachments.map((a) => a.filename)).toEqual([`${invoice.number}.pdf`]);
    const pdf = Buffer.from(row.pdf ?? new Uint8Array());
    expect(Buffer.compare(mail?.attachments[0]?.content ?? Buffer.alloc(0), pdf)).toBe(0);
  });

  it('refuses a bad address, documents not yet made, an unknown invoice and customer users, and queues nothing', async () => {
    const rendered = await renderedInvoice();
    // Never rendered, not even by the scheduled run: its document has no lines, as no issuer writes it.
    const pending = await insertTestInvoice(portal.connection.db, {
      customerId: null,
      billingMonth: '2026-11',
      issueDate: '2026-11-30',
    });
    await portal.connection.db
      .update(invoices)
      .set({ document: { ...pending.document, lines: null } })
      .where(eq(invoices.id, pending.id));
    const customer = await invitedCustomer(portal, admin, {
      companyName: 'Mailbox GmbH',
      contactEmail: 'owner@mailbox.test',
    });
    const before = await mailIds();

    const bad = await send(rendered.id, 'not an address');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'to' });
    const notYet = await send(pending.id, 'accounts@customer.test');
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json()).toMatchObject({ code: 'INVOICE_DOCUMENTS_PENDING' });
    const unknown = await send('00000000-0000-4000-8000-000000000000', 'accounts@customer.test');
    expect(unknown.statusCode).toBe(404);
    const customerUser = await send(rendered.id, 'owner@mailbox.test', customer.cookie);
    expect(customerUser.statusCode).toBe(403);

    expect(await mailIds()).toEqual(before);
    expect((await auditOf(rendered.id)).map((e) => e.action)).toEqual(['invoice.rendered', 'invoice.mailed']);
    await portal.connection.db.delete(invoices).where(eq(invoices.id, pending.id));
  });
});

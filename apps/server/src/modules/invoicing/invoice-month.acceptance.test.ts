import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InvoiceDetails, InvoiceListItem } from '@vmsp/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthEndCommand } from '../../cli/month-end.ts';
import { queryRows } from '../../db/connection.ts';
import { bufferedIo } from '../../test/cli.ts';
import { createAdmin, createTestPortal, signIn, type TestPortal } from '../../test/harness.ts';
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-server.ts';
import { generateSignerKeyPair, issueProjectKey } from '../project-keys/project-key-token.ts';
import { COMPLETE_COMPANY } from './company-settings.fixtures.ts';
import { validateEInvoices } from './documents/einvoice-validator.ts';

/**
 * Acceptance of issue 12 on one test month, November 2026 in Europe/Berlin, driven as an admin would: through
 * the HTTP API, the month end's service (and `vmsp month-end --at`'s command), the rendering service and a
 * real SMTP server. The customers cover every case the issue names: Germany, the EU with a VAT-ID, outside the
 * EU, a different billing address, an instant upgrade on the 16th, a downgrade at the month's end, a project
 * key, a cancelled subscription; then credit notes. Every document produced must pass the official EN 16931
 * rules (../shared/einvoice/validate-cii).
 */

/**
 * Its first use installs Saxon and a Java runtime, and each file starts a JVM (about 15 s a file on a busy
 * machine): generous, so that only a hang fails.
 */
const VALIDATOR_TIMEOUT_MS = 15 * 60_000;

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

/** 1 November 2026, 00:00 in Berlin: every subscription below starts then, so November is a whole month. */
const NOVEMBER_FIRST = '2026-10-31T23:00:00Z';
/** 16 November, 00:00 in Berlin: the instant upgrade. */
const NOVEMBER_16TH = '2026-11-15T23:00:00Z';
/** Five minutes into 1 December in Berlin: the month end that invoices November. */
const MONTH_END = '2026-12-01T00:05:00+01:00';

let portal: TestPortal;
let smtp: TestSmtpServer;
let admin: string;
const system = { id: '00000000-0000-4000-8000-0000000000e1', email: 'system@provider.test' };

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie: admin } });

async function at(instant: string): Promise<void> {
  portal.clock.set(instant);
  admin = await signIn(portal, 'admin@provider.test');
}

const berlin = { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' };

async function customer(name: string, email: string, more: object = {}): Promise<string> {
  const res = await api('POST', '/api/customers', {
    companyName: name,
    address: berlin,
    contactName: 'Erika Mustermann',
    contactEmail: email,
    ...more,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function distribute(id: string, total: number) {
  const { version } = (await api('GET', `/api/customers/${id}`)).json();
  const res = await api('PUT', `/api/customers/${id}/ip-distribution`, {
    total,
    internal: total,
    external: 0,
    instant: true,
    version,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { applied: boolean; effectiveAt: string };
}

const count = async (query: ReturnType<typeof sql>) =>
  (await queryRows<{ n: number }>(portal.connection.db, query))[0]?.n ?? 0;
const issuedCount = () => count(sql`select count(*)::int as n from invoices`);
const auditOf = (action: string) =>
  queryRows<{ object_id: string; after: Record<string, unknown> }>(
    portal.connection.db,
    sql`select object_id, after from audit_log where action = ${action} order by id`,
  );

async function listAll(): Promise<InvoiceListItem[]> {
  const res = await api('GET', '/api/invoices?pageSize=200');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

async function details(id: string): Promise<InvoiceDetails> {
  const res = await api('GET', `/api/invoices/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The one invoice (not credit note) of a customer, with its details. */
async function invoiceOf(customerId: string): Promise<InvoiceDetails> {
  const found = (await listAll()).filter((i) => i.customerId === customerId && i.kind === 'invoice');
  expect(found).toHaveLength(1);
  return details(found[0]?.id ?? '');
}

const lineSummary = (d: InvoiceDetails) =>
  d.lines.map((l) => [l.periodFrom, l.periodTo, l.articleNumber, l.quantity, l.unitPriceMinor, l.netMinor]);

/** Renders what is unrendered and delivers every queued invoice mail, as the jobs would within seconds. */
async function renderAndDeliver(): Promise<void> {
  await portal.services.invoiceRendering.renderPending();
  const queued = await queryRows<{ id: string }>(
    portal.connection.db,
    sql`select m.id from mails m join invoices i on i.mail_id = m.id where m.status = 'queued'`,
  );
  for (const mail of queued) await portal.services.mail.deliver({ mailId: mail.id }, { retryCount: 0 });
}

/** The customers' ids, set in beforeAll. */
const ids = {
  german: '',
  eu: '',
  swiss: '',
  billing: '',
  upgrade: '',
  downgrade: '',
  keyed: '',
  cancelled: '',
  addressless: '',
};

beforeAll(async () => {
  [portal, smtp] = await Promise.all([createTestPortal(), startSmtpServer()]);
  await createAdmin(portal);
  await at(NOVEMBER_FIRST);
  const mail = await api('PUT', '/api/settings/mail', {
    transport: 'smtp',
    host: '127.0.0.1',
    port: smtp.port,
    encryption: 'none',
    fromAddress: 'billing@provider.test',
    fromName: 'Provider Security',
  });
  expect(mail.statusCode, mail.body).toBe(200);
  expect((await api('PUT', '/api/price-table', specTable)).statusCode).toBe(200);

  ids.german = await customer('Spree Security GmbH', 'spree@customer.test', { locale: 'de' });
  ids.eu = await customer('Seine Sécurité SA', 'seine@customer.test', {
    address: { street: '1 Rue de Rivoli', postalCode: '75001', city: 'Paris', country: 'FR' },
    vatId: 'FR40303265045',
  });
  ids.swiss = await customer('Limmat Scan AG', 'limmat@customer.test', {
    address: { street: 'Bahnhofstrasse 1', postalCode: '8001', city: 'Zürich', country: 'CH' },
    vatId: 'CHE-116.281.710 MWST',
  });
  ids.billing = await customer('Isar Holding GmbH', 'isar@customer.test');
  const { version } = (await api('GET', `/api/customers/${ids.billing}`)).json();
  const address = await api('PUT', `/api/customers/${ids.billing}/address`, {
    address: berlin,
    billingAddress: { street: 'Leopoldstraße 5', postalCode: '80802', city: 'München', country: 'DE' },
    invoiceEmail: 'accounting@isar.test',
    version,
  });
  expect(address.statusCode, address.body).toBe(200);
  ids.upgrade = await customer('Upgrade AG', 'upgrade@customer.test');
  ids.downgrade = await customer('Downgrade KG', 'downgrade@customer.test');
  ids.keyed = await customer('Keyed GmbH', 'keyed@customer.test');
  ids.cancelled = await customer('Cancelled GmbH', 'cancelled@customer.test');
  ids.addressless = await customer('No Address KG', 'noaddress@customer.test');

  await distribute(ids.german, 300);
  await distribute(ids.eu, 10);
  await distribute(ids.swiss, 60);
  await distribute(ids.billing, 20);
  await distribute(ids.upgrade, 100);
  await distribute(ids.downgrade, 200);
  await distribute(ids.cancelled, 100);
  await distribute(ids.addressless, 10);

  // A project key of 100 IPs for 12 months, sold for 1,500.00: 125.00 a month.
  const signer = await generateSignerKeyPair();
  await portal.services.projectKeySigners.add(system, {
    label: 'Upstream MSP',
    publicJwk: JSON.stringify(signer.publicJwk),
  });
  const key = await issueProjectKey({
    privateJwk: signer.privateJwk,
    ips: 100,
    months: 12,
    purchasePriceMinor: 120_000,
    currency: 'EUR',
    issuedAt: portal.clock.now(),
    expiresAt: new Date(portal.clock.now().getTime() + 90 * 86_400_000),
  });
  const keyed = (await api('GET', `/api/customers/${ids.keyed}`)).json();
  const redeemed = await api('POST', `/api/customers/${ids.keyed}/project-key`, {
    key,
    salesPrice: '1500,00',
    internal: 100,
    external: 0,
    instant: true,
    version: keyed.version,
  });
  expect(redeemed.statusCode, redeemed.body).toBe(200);

  // Saved before the address rules (or changed in the database): nothing to address an invoice to.
  await portal.connection.db.execute(
    sql`update customers set street = '', city = '' where id = ${ids.addressless}`,
  );
}, 120_000);

afterAll(async () => {
  await Promise.all([portal?.dispose(), smtp?.stop()]);
});

describe('the invoices of November 2026', () => {
  it('issues nothing for a month that has not ended, and the month end refuses an instant in the future', async () => {
    await at('2026-11-10T10:00:00Z');
    const { version } = (await api('GET', `/api/customers/${ids.cancelled}`)).json();
    const cancel = await api('POST', `/api/customers/${ids.cancelled}/subscription/cancel`, { version });
    expect(cancel.statusCode, cancel.body).toBe(200);

    expect((await portal.services.monthEnd.run()).invoiced).toBe(0);
    const io = bufferedIo();
    await expect(
      monthEndCommand(portal.config, ['--at', '2026-12-01T00:05:00+01:00'], io, portal.clock),
    ).rejects.toThrow(/is in the future/);
    expect(await issuedCount()).toBe(0);
  });

  it('upgrades instantly on the 16th and schedules a downgrade for the end of the month', async () => {
    await at(NOVEMBER_16TH);
    expect(await distribute(ids.upgrade, 300)).toMatchObject({ applied: true });
    await at('2026-11-30T12:00:00Z');
    expect(await distribute(ids.downgrade, 50)).toMatchObject({
      applied: false,
      effectiveAt: '2026-11-30T23:00:00.000Z',
    });
  });

  it('blocks invoicing while Settings → Company is incomplete, naming the missing fields', async () => {
    await at(MONTH_END);
    const partial = await api('PUT', '/api/settings/company', {
      ...COMPLETE_COMPANY,
      iban: '',
      bic: '',
      bankName: '',
    });
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json()).toMatchObject({ complete: false, missing: ['iban', 'bic', 'bankName'] });
    expect((await api('GET', '/api/invoicing/status')).json()).toEqual({
      enabled: false,
      missing: ['iban', 'bic', 'bankName'],
    });

    expect((await portal.services.monthEnd.run()).invoiced).toBe(0);
    expect(await issuedCount()).toBe(0);
    const [note] = await auditOf('invoice-run.not-configured');
    expect(note?.object_id).toBe('2026-11');
    expect(String(note?.after.message)).toMatch(/IBAN, BIC, bank name/);
    // The downgrade due at the month's end is applied all the same: invoicing waits, billing does not.
    expect((await api('GET', `/api/customers/${ids.downgrade}`)).json()).toMatchObject({
      ipsInternal: 50,
      ipsExternal: 0,
    });
  });

  it('issues one invoice per customer once the page is complete, numbered without gaps', async () => {
    const saved = await api('PUT', '/api/settings/company', COMPLETE_COMPANY);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ complete: true, missing: [] });

    expect((await portal.services.monthEnd.run()).invoiced).toBe(8);
    const all = await listAll();
    expect(all.map((i) => i.number).sort()).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `RE-2026-${String(n).padStart(6, '0')}`),
    );
    for (const i of all) {
      expect(i).toMatchObject({
        kind: 'invoice',
        billingMonth: '2026-11',
        issueDate: '2026-12-01',
        dueDate: '2026-12-15',
        status: 'issued',
        currency: 'EUR',
      });
    }
    expect(all.some((i) => i.customerId === ids.addressless)).toBe(false);
  });

  it('refuses the customer without address data with a reason naming what is missing', async () => {
    const refused = await auditOf('invoice.refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ object_id: ids.addressless });
    expect(String(refused[0]?.after.reason)).toMatch(/street, city/);
  });

  it("bills the spec's example, 300 IPs for the whole month, at 450.00 net with German VAT", async () => {
    const d = await invoiceOf(ids.german);
    expect(d).toMatchObject({ netMinor: 45000, vatMinor: 8550, grossMinor: 53550, vatCategory: 'S' });
    expect(d.language).toBe('de');
    expect(lineSummary(d)).toEqual([
      ['2026-11-01', '2026-11-30', 'IP-S', 50, 200, 10000],
      ['2026-11-01', '2026-11-30', 'IP-M', 200, 150, 30000],
      ['2026-11-01', '2026-11-30', 'IP-L', 50, 100, 5000],
    ]);
    expect(d.vat).toEqual([
      { category: 'S', rateBasisPoints: 1900, taxableMinor: 45000, vatMinor: 8550, exemptionReason: null },
    ]);
  });

  it('bills the instant upgrade on the 16th as two periods of 15 days, pro rata to the cent', async () => {
    const d = await invoiceOf(ids.upgrade);
    // 100 IPs = 175.00 a month, for 15 of 30 days; 300 IPs = 450.00 a month, for the other 15.
    expect(lineSummary(d)).toEqual([
      ['2026-11-01', '2026-11-15', 'IP-S', 50, 200, 5000],
      ['2026-11-01', '2026-11-15', 'IP-M', 50, 150, 3750],
      ['2026-11-16', '2026-11-30', 'IP-S', 50, 200, 5000],
      ['2026-11-16', '2026-11-30', 'IP-M', 200, 150, 15000],
      ['2026-11-16', '2026-11-30', 'IP-L', 50, 100, 2500],
    ]);
    // VAT 19 % of 312.50 = 59.375, rounded half-up once on the category's sum.
    expect(d).toMatchObject({ netMinor: 31250, vatMinor: 5938, grossMinor: 37188 });
  });

  it('bills an EU customer with a VAT-ID by reverse charge, with the legal note', async () => {
    const d = await invoiceOf(ids.eu);
    expect(d).toMatchObject({ netMinor: 2000, vatMinor: 0, grossMinor: 2000, vatCategory: 'AE' });
    expect(d.buyer).toMatchObject({ country: 'FR', vatId: 'FR40303265045', city: 'Paris' });
    expect(d.vat[0]?.exemptionReason).toBe('Reverse charge');
    expect(d.notes.join(' ')).toContain('Reverse charge');
  });

  it('bills a customer outside the EU without VAT, as not subject to it, with its note', async () => {
    const d = await invoiceOf(ids.swiss);
    // 50 × 2.00 + 10 × 1.50
    expect(d).toMatchObject({ netMinor: 11500, vatMinor: 0, grossMinor: 11500 });
    expect(['G', 'O']).toContain(d.vatCategory);
    expect(d.buyer).toMatchObject({ country: 'CH', city: 'Zürich' });
    expect(d.vat[0]?.exemptionReason).toBeTruthy();
    expect(d.notes.length).toBeGreaterThan(0);
  });

  it('addresses the invoice to the billing address where the customer set one', async () => {
    const d = await invoiceOf(ids.billing);
    expect(d.buyer).toMatchObject({
      street: 'Leopoldstraße 5',
      postalCode: '80802',
      city: 'München',
      email: 'accounting@isar.test',
    });
    expect(d).toMatchObject({ netMinor: 4000, vatMinor: 760, grossMinor: 4760 });
  });

  it('bills November before the downgrade due at its end, the project key at its sales price, a cancelled month in full', async () => {
    // 200 IPs: 50 × 2.00 + 150 × 1.50; the downgrade to 50 IPs applies from December.
    expect(await invoiceOf(ids.downgrade)).toMatchObject({ netMinor: 32500, vatMinor: 6175 });
    const keyed = await invoiceOf(ids.keyed);
    expect(keyed.lines).toHaveLength(1);
    // 1,500.00 over 12 months.
    expect(keyed).toMatchObject({ netMinor: 12500, vatMinor: 2375, grossMinor: 14875 });
    // Cancelled on 10 November: the month is billed to its end (100 IPs: 50 × 2.00 + 50 × 1.50).
    const cancelled = await invoiceOf(ids.cancelled);
    expect(cancelled.lines.at(-1)?.periodTo).toBe('2026-11-30');
    expect(cancelled).toMatchObject({ netMinor: 17500, vatMinor: 3325, grossMinor: 20825 });
  });

  it('issues nothing new when the month end runs again', async () => {
    expect((await portal.services.monthEnd.run()).invoiced).toBe(0);
    await at('2026-12-02T09:00:00Z');
    expect((await portal.services.monthEnd.run()).invoiced).toBe(0);
    expect(await issuedCount()).toBe(8);
  });
});

describe('payments and credit notes', () => {
  it('marks an invoice paid', async () => {
    await at('2026-12-03T10:00:00Z');
    const d = await invoiceOf(ids.german);
    const res = await api('POST', `/api/invoices/${d.id}/paid`, { paidOn: '2026-12-03' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'paid', paidOn: '2026-12-03' });
  });

  it('credits a chosen line of an invoice, and refuses to credit more than is left', async () => {
    const d = await invoiceOf(ids.downgrade);
    const partial = await api('POST', `/api/invoices/${d.id}/credit-notes`, {
      reason: 'First range billed in error',
      lineIds: [d.lines[0]?.id],
    });
    expect(partial.statusCode, partial.body).toBe(201);
    const after: InvoiceDetails = partial.json();
    expect(after.status).toBe('issued');
    expect(after.creditNotes).toHaveLength(1);
    // 100.00 net and 19.00 VAT of 325.00 + 61.75.
    expect(after.creditNotes[0]).toMatchObject({
      kind: 'credit-note',
      number: 'RE-2026-000009',
      creditedInvoiceNumber: d.number,
      grossMinor: 11900,
    });
    expect(after.creditableGrossMinor).toBe(38675 - 11900);

    const before = await issuedCount();
    // Both lines again: the first was credited already, so this is more than is left of the invoice.
    const over = await api('POST', `/api/invoices/${d.id}/credit-notes`, {
      reason: 'Everything',
      lineIds: d.lines.map((l) => l.id),
    });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'CREDIT_EXCEEDS_INVOICE', field: 'lineIds' });
    expect(over.json().message).toMatch(/more than is left/);
    expect(await issuedCount()).toBe(before);
    expect((await details(d.id)).creditableGrossMinor).toBe(38675 - 11900);
  });

  it('cancels an invoice by a full credit note, and refuses to mark it paid', async () => {
    const d = await invoiceOf(ids.cancelled);
    const full = await api('POST', `/api/invoices/${d.id}/credit-notes`, {
      reason: 'Cancelled before the service was used',
    });
    expect(full.statusCode, full.body).toBe(201);
    expect(full.json()).toMatchObject({ status: 'cancelled', creditableGrossMinor: 0 });
    expect(full.json().creditNotes[0]).toMatchObject({ number: 'RE-2026-000010', grossMinor: 20825 });

    const paid = await api('POST', `/api/invoices/${d.id}/paid`, { paidOn: '2026-12-03' });
    expect(paid.statusCode).toBe(409);
    expect(paid.json()).toMatchObject({ code: 'INVOICE_NOT_PAYABLE' });
    expect(paid.json().message).toMatch(/cancelled/);
    expect((await details(d.id)).status).toBe('cancelled');
    const again = await api('POST', `/api/invoices/${d.id}/credit-notes`, { reason: 'Once more' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'INVOICE_NOT_CREDITABLE' });
    expect(await issuedCount()).toBe(10);
  });

  it('audits the issue of every invoice, the payment and each credit note', async () => {
    expect(await auditOf('invoice.issued')).toHaveLength(8);
    const paid = await auditOf('invoice.paid');
    expect(paid.map((p) => p.after)).toEqual([
      expect.objectContaining({ status: 'paid', paidOn: '2026-12-03' }),
    ]);
    const credits = await auditOf('credit-note.issued');
    expect(credits.map((c) => c.after.number)).toEqual(['RE-2026-000009', 'RE-2026-000010']);
  });

  it('numbers invoices and credit notes in one gapless sequence', async () => {
    const numbers = (await listAll()).map((i) => i.number).sort();
    expect(numbers).toEqual(
      Array.from({ length: 10 }, (_, i) => `RE-2026-${String(i + 1).padStart(6, '0')}`),
    );
  });
});

describe('documents and mail', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'vmsp-invoices-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('renders every invoice and credit note and mails it to the customer with the PDF attached', async () => {
    await renderAndDeliver();
    const all = await listAll();
    expect(all.every((i) => i.documentsReady)).toBe(true);
    expect(smtp.messages).toHaveLength(10);

    const german = all.find((i) => i.customerId === ids.german && i.kind === 'invoice');
    const mail = smtp.messages.find((m) => m.to.includes('spree@customer.test'));
    expect(mail?.subject).toContain(german?.number);
    expect(mail?.attachments).toHaveLength(1);
    const attachment = mail?.attachments[0];
    expect(attachment).toMatchObject({ filename: `${german?.number}.pdf`, contentType: 'application/pdf' });
    expect(attachment?.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const download = await api('GET', `/api/invoices/${german?.id}/pdf`);
    expect(Buffer.compare(download.rawPayload, attachment?.content ?? Buffer.alloc(0))).toBe(0);

    // Where the customer set an invoice e-mail, the invoice goes there instead of to the main user.
    const isar = all.find((i) => i.customerId === ids.billing);
    expect(smtp.messages.filter((m) => m.to.includes('isar@customer.test'))).toEqual([]);
    const toAccounting = smtp.messages.filter((m) => m.to.includes('accounting@isar.test'));
    expect(toAccounting.map((m) => m.attachments[0]?.filename)).toEqual([`${isar?.number}.pdf`]);

    // A credit note goes to its customer too, with its own PDF.
    const downgraded = all.find((i) => i.customerId === ids.downgrade && i.kind === 'invoice');
    const creditMails = smtp.messages.filter((m) => m.to.includes('downgrade@customer.test'));
    expect(creditMails.flatMap((m) => m.attachments.map((a) => a.filename)).sort()).toEqual(
      [`${downgraded?.number}.pdf`, 'RE-2026-000009.pdf'].sort(),
    );
  });

  it(
    'serves each PDF and XML as a named download, and all pass the EN 16931 rules',
    async () => {
      const files: string[] = [];
      for (const item of await listAll()) {
        for (const format of ['pdf', 'xml'] as const) {
          const res = await api('GET', `/api/invoices/${item.id}/${format}`);
          expect(res.statusCode, `${item.number} ${format}`).toBe(200);
          expect(res.headers['content-disposition']).toBe(`attachment; filename="${item.number}.${format}"`);
          const file = path.join(folder, `${item.number}.${format}`);
          await writeFile(file, res.rawPayload);
          files.push(file);
        }
      }
      expect(files).toHaveLength(20);
      const { exitCode, output } = await validateEInvoices(files);
      expect(output).toContain('20 files, 0 broken rules');
      expect(exitCode).toBe(0);
    },
    VALIDATOR_TIMEOUT_MS + 60_000,
  );
});

import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import { stripeInvoices } from '../../db/schema.ts';
import { ManualClock } from '../../lib/clock.ts';
import { type FakeEvent, type FakeStripe, startFakeStripe } from '../../test/fake-stripe.ts';
import {
  createAdmin,
  createTestPortal,
  STRONG_PASSWORD,
  sessionCookieOf,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';
import { upsertStripeInvoice } from './stripe-invoices.repository.ts';

const SECRET_KEY = 'sk_test_portal1234';
const WEBHOOK_SECRET = 'whsec_testsecret';
let stripe: FakeStripe;
let portal: TestPortal;
let admin: string;
let customer: { id: string; cookie: string };
let subscriptionId: string;

type Method = 'GET' | 'POST' | 'PUT';
const api = (method: Method, url: string, payload?: object, cookie = admin) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

/** Posts an event as Stripe would (the exact bytes, signed) and waits until its job has handled it. */
async function deliver(event: FakeEvent): Promise<void> {
  const { payload, header } = stripe.signedEvent(event, WEBHOOK_SECRET);
  const res = await portal.app.inject({
    method: 'POST',
    url: '/api/stripe/webhook',
    payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': header },
  });
  expect(res.statusCode, res.body).toBe(200);
  // Bounded, so a broken job fails the test instead of hanging it.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [row] = await queryRows<{ processed_at: Date | null }>(
      portal.connection.db,
      sql`select processed_at from stripe_events where id = ${event.id}`,
    );
    if (row?.processed_at) return;
    if (Date.now() > deadline) throw new Error(`event ${event.type} ${event.id} was not handled within 15 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const stored = async (id: string) =>
  (await portal.connection.db.select().from(stripeInvoices).where(eq(stripeInvoices.id, id)))[0];
const listed = async () =>
  (await api('GET', `/api/customers/${customer.id}/invoices`)).json().stripeInvoices as { id: string }[];

beforeAll(async () => {
  const clock = new ManualClock('2026-05-12T09:00:00Z');
  stripe = await startFakeStripe({ validSecretKey: SECRET_KEY, clock });
  portal = await createTestPortal({ clock, jobs: true, env: { STRIPE_API_BASE: stripe.apiBase } });
  await createAdmin(portal);
  admin = await signIn(portal, 'admin@provider.test');
  await api('PUT', '/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' });
  await api('PUT', '/api/settings/self-service', { registrationEnabled: true });
  await api('PUT', '/api/price-table', {
    currency: 'EUR',
    basedOnVersion: null,
    ranges: [{ from: 1, to: 250, articleName: 'Scan', articleNumber: 'S', unitPrice: '2.00' }],
  });
  const created = await api('POST', '/api/customers', {
    companyName: 'Card Customer GmbH',
    address: { street: 'Weg 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
    contactName: 'Carla Card',
    contactEmail: 'carla@card.test',
    serviceMode: 'self-service',
  });
  const [mail] = await queryRows<{ text: string }>(
    portal.connection.db,
    sql`select text from mails where to_address = 'carla@card.test' order by created_at desc limit 1`,
  );
  const token = decodeURIComponent(mail?.text.match(/token=([A-Za-z0-9_%-]+)/)?.[1] ?? '');
  const accepted = await api(
    'POST',
    '/api/invitations/accept',
    { token, password: STRONG_PASSWORD, passwordConfirmation: STRONG_PASSWORD },
    '',
  );
  customer = { id: created.json().id, cookie: sessionCookieOf(accepted) };
  const keys = await api('PUT', '/api/settings/stripe', {
    secretKey: SECRET_KEY,
    publishableKey: 'pk_test_abc',
    webhookSecret: WEBHOOK_SECRET,
  });
  expect(keys.statusCode, keys.body).toBe(200);
  await api('PUT', '/api/payment-methods/credit-card', { active: true });
  const { version } = (await api('GET', '/api/portal/subscription', undefined, customer.cookie)).json();
  const checkout = await api(
    'POST',
    '/api/portal/subscription/card-checkout',
    { total: 10, internal: 10, external: 0, version },
    customer.cookie,
  );
  expect(checkout.statusCode, checkout.body).toBe(200);
  const [completed, paid] = stripe.completeCheckout(checkout.json().url.split('/').at(-1));
  await deliver(completed);
  await deliver(paid);
  subscriptionId = [...stripe.state.subscriptions.keys()][0] ?? '';
}, 120_000);
afterAll(async () => {
  await portal?.dispose();
  await stripe?.stop();
});

describe('Stripe invoices of card customers', () => {
  it('keeps the first invoice, paid in Checkout, with its number, amounts, currency, link, PDF and period', async () => {
    const [invoice] = [...stripe.state.invoices.values()];
    if (!invoice) throw new Error('no invoice at the fake');
    expect(await stored(invoice.id)).toMatchObject({
      customerId: customer.id,
      number: invoice.number,
      status: 'paid',
      currency: 'EUR',
      totalMinor: invoice.total,
      amountPaidMinor: invoice.total,
      hostedInvoiceUrl: `https://invoice.stripe.test/${invoice.id}`,
      invoicePdfUrl: `https://pay.stripe.test/invoice/${invoice.id}/pdf`,
      periodStart: new Date(invoice.period_start * 1000),
      periodEnd: new Date(invoice.period_end * 1000),
      createdAt: new Date(invoice.created * 1000),
    });
    expect(invoice.total).toBeGreaterThan(0);
    expect(await listed()).toEqual([
      {
        id: invoice.id,
        number: invoice.number,
        status: 'paid',
        currency: 'EUR',
        totalMinor: invoice.total,
        amountPaidMinor: invoice.total,
        hostedInvoiceUrl: `https://invoice.stripe.test/${invoice.id}`,
        createdAt: '2026-05-12T09:00:00.000Z',
      },
    ]);
  });

  it('follows an invoice from draft through finalizing to uncollectible and paid', async () => {
    portal.clock.set('2026-05-31T21:00:00Z');
    const created = stripe.draftInvoice(subscriptionId);
    const id = created.data.object.id;
    await deliver(created);
    expect(await stored(id)).toMatchObject({
      status: 'draft',
      number: null,
      hostedInvoiceUrl: null,
      invoicePdfUrl: null,
      totalMinor: 2000,
      amountPaidMinor: 0,
    });

    await deliver(stripe.updateDraftInvoice(id, 2500));
    expect(await stored(id)).toMatchObject({ status: 'draft', totalMinor: 2500 });

    portal.clock.set('2026-05-31T22:00:00Z');
    await deliver(stripe.finalizeInvoice(id));
    const open = await stored(id);
    expect(open).toMatchObject({
      status: 'open',
      number: `FAKE-${id.slice(-6).toUpperCase()}`,
      hostedInvoiceUrl: `https://invoice.stripe.test/${id}`,
      invoicePdfUrl: `https://pay.stripe.test/invoice/${id}/pdf`,
    });

    await deliver(stripe.settleInvoice(id, 'uncollectible'));
    expect(await stored(id)).toMatchObject({ status: 'uncollectible', amountPaidMinor: 0 });
    await deliver(stripe.settleInvoice(id, 'paid'));
    expect(await stored(id)).toMatchObject({ status: 'paid', amountPaidMinor: 2500, totalMinor: 2500 });
    // Newest first, beside the first one (signed in again: the clock moved past the idle timeout).
    admin = await signIn(portal, 'admin@provider.test');
    expect((await listed()).map((i) => i.id)).toEqual([id, [...stripe.state.invoices.keys()][0]]);
  });

  it('keeps a voided invoice as void', async () => {
    const created = stripe.draftInvoice(subscriptionId);
    const id = created.data.object.id;
    stripe.finalizeInvoice(id);
    // Stripe may send the events late: each is read back from Stripe, so the invoice is stored as it is now.
    const voided = stripe.settleInvoice(id, 'void');
    await deliver(voided);
    await deliver(created);
    expect(await stored(id)).toMatchObject({
      status: 'void',
      hostedInvoiceUrl: `https://invoice.stripe.test/${id}`,
    });
  });

  it('ignores invoices of Stripe customers that are not the portal’s', async () => {
    const created = stripe.draftInvoice(subscriptionId);
    const id = created.data.object.id;
    const invoice = stripe.state.invoices.get(id);
    if (!invoice) throw new Error('no invoice at the fake');
    invoice.customer = 'cus_someoneelse';
    await deliver(created);
    expect(await stored(id)).toBeUndefined();
  });

  it('never goes back to an earlier state when reads of the same invoice commit out of order', async () => {
    const [first] = await portal.connection.db.select().from(stripeInvoices).limit(1);
    if (!first) throw new Error('no stored invoice');
    const at = new Date('2026-06-01T00:00:00Z');
    await upsertStripeInvoice(portal.connection.db, {
      ...first,
      id: 'in_race',
      status: 'paid',
      updatedAt: at,
    });
    await upsertStripeInvoice(portal.connection.db, {
      ...first,
      id: 'in_race',
      status: 'open',
      amountPaidMinor: 0,
      updatedAt: new Date('2026-06-01T00:00:01Z'),
    });
    expect(await stored('in_race')).toMatchObject({ status: 'paid', amountPaidMinor: first.amountPaidMinor });
    await upsertStripeInvoice(portal.connection.db, {
      ...first,
      id: 'in_race',
      status: 'void',
      updatedAt: at,
    });
    expect(await stored('in_race')).toMatchObject({ status: 'void' });
  });
});

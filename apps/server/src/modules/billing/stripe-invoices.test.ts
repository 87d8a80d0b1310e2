import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeInvoices } from '../../db/schema.ts';
import type { FakeEvent, FakeStripe } from '../../test/fake-stripe.ts';
import { invitedCustomer, signIn, type TestPortal } from '../../test/harness.ts';
import {
  CARD_CUSTOMER,
  enableCardPayments,
  eventHandled,
  postStripeEvent,
  type StripeTestPortal,
  startStripePortal,
} from '../../test/stripe-portal.ts';
import { upsertStripeInvoice } from './stripe-invoices.repository.ts';

let setup: StripeTestPortal;
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
  const res = await postStripeEvent(setup, event);
  expect(res.statusCode, res.body).toBe(200);
  await eventHandled(portal, event.id);
}

const stored = async (id: string) =>
  (await portal.connection.db.select().from(stripeInvoices).where(eq(stripeInvoices.id, id)))[0];
const listed = async () =>
  (await api('GET', `/api/customers/${customer.id}/invoices`)).json().stripeInvoices as { id: string }[];

beforeAll(async () => {
  setup = await startStripePortal({
    priceRanges: [{ from: 1, to: 250, articleName: 'Scan', articleNumber: 'S', unitPrice: '2.00' }],
  });
  ({ stripe, portal, admin } = setup);
  customer = await invitedCustomer(portal, admin, CARD_CUSTOMER);
  await enableCardPayments(setup);
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
afterAll(() => setup?.dispose());

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

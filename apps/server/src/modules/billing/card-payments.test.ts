import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import type { FakeEvent, FakeStripe } from '../../test/fake-stripe.ts';
import { invitedCustomer, type TestPortal } from '../../test/harness.ts';
import {
  CARD_CUSTOMER,
  eventHandled,
  postStripeEvent,
  STRIPE_KEYS,
  type StripeTestPortal,
  startStripePortal,
} from '../../test/stripe-portal.ts';

const { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET } = STRIPE_KEYS;
let setup: StripeTestPortal;
let stripe: FakeStripe;
let portal: TestPortal;
let admin: string;
let customer: { id: string; cookie: string };

type Method = 'GET' | 'POST' | 'PUT';
const api = (method: Method, url: string, payload?: object, cookie = admin) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

/** Posts an event as Stripe would: the exact bytes, signed. */
const deliver = (event: FakeEvent, timestamp?: number, secret?: string) =>
  postStripeEvent(setup, event, { timestamp, secret });

const processed = (eventId: string) => eventHandled(portal, eventId);

const row = async () =>
  (await api('GET', '/api/customers?pageSize=50'))
    .json()
    .items.find((r: { id: string }) => r.id === customer.id);
const portalPage = async () =>
  (await api('GET', '/api/portal/subscription', undefined, customer.cookie)).json();

beforeAll(async () => {
  setup = await startStripePortal();
  ({ stripe, portal, admin } = setup);
  customer = await invitedCustomer(portal, admin, CARD_CUSTOMER);
}, 120_000);
afterAll(() => setup?.dispose());

describe('Stripe settings (R-7.4)', () => {
  it("refuses a key Stripe refuses, with Stripe's message, and stores nothing", async () => {
    const res = await api('PUT', '/api/settings/stripe', {
      secretKey: 'sk_test_wrong9999',
      publishableKey: 'pk_test_abc',
      webhookSecret: WEBHOOK_SECRET,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'STRIPE_REJECTED',
      field: 'secretKey',
      message: expect.stringContaining('Invalid API Key'),
    });
    expect((await api('GET', '/api/settings/stripe')).json()).toMatchObject({
      secretKeySet: false,
      accountId: null,
    });
  });

  it('stores checked keys and never returns a secret; then Credit Card can be activated', async () => {
    const saved = await api('PUT', '/api/settings/stripe', {
      secretKey: SECRET_KEY,
      publishableKey: 'pk_test_abc',
      webhookSecret: WEBHOOK_SECRET,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      secretKeySet: true,
      secretKeyHint: '1234',
      webhookSecretSet: true,
      mode: 'test',
    });
    // No settings endpoint, and not the audit log, ever returns a secret key.
    const reads = await Promise.all(
      [
        '/api/settings/stripe',
        '/api/settings/mail',
        '/api/settings/self-service',
        '/api/settings/project-keys',
        '/api/payment-methods',
        '/api/audit?pageSize=200',
      ].map((url) => api('GET', url)),
    );
    for (const res of [saved, ...reads]) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(SECRET_KEY);
      expect(res.body).not.toContain(WEBHOOK_SECRET);
      expect(res.body).not.toContain(SECRET_KEY.slice(0, -4));
    }
    const on = await api('PUT', '/api/payment-methods/credit-card', { active: true });
    expect(on.json().methods[0]).toMatchObject({ method: 'credit-card', active: true });
    expect((await portalPage()).paymentMethods).toEqual(['invoice', 'credit-card']);
  });
});

describe('paying by card (R-7.4)', () => {
  let sessionId: string;
  let events: [FakeEvent, FakeEvent];

  it('sends the customer to Stripe Checkout for the chosen IPs; nothing changes before Stripe confirms', async () => {
    const { version } = await portalPage();
    const res = await api(
      'POST',
      '/api/portal/subscription/card-checkout',
      { total: 60, internal: 40, external: 20, version },
      customer.cookie,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/c\/pay\/cs_test_/);
    sessionId = res.json().url.split('/').at(-1);
    const session = stripe.state.checkoutSessions.get(sessionId);
    expect(session).toMatchObject({ mode: 'subscription', client_reference_id: customer.id });
    // Anchored to 1 June 00:00 Berlin.
    const create = stripe.requests.find((r) => r.path === '/v1/checkout/sessions' && r.method === 'POST');
    expect(create?.params).toMatchObject({
      line_items: [{ quantity: '60' }],
      subscription_data: { billing_cycle_anchor: String(Date.parse('2026-05-31T22:00:00Z') / 1000) },
    });
    expect(create?.idempotencyKey).toBeTruthy();
    expect(await row()).toMatchObject({ paymentMethod: 'free', status: 'inactive' });
    expect((await portalPage()).cardBilling).toMatchObject({ status: 'checkout-pending' });
  });

  it('refuses a webhook with a bad signature or an old timestamp, and stores nothing', async () => {
    events = stripe.completeCheckout(sessionId);
    const forged = await deliver(events[0], undefined, 'whsec_someoneelse');
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const old = await deliver(events[0], Math.floor(portal.clock.now().getTime() / 1000) - 301);
    expect(old.statusCode).toBe(400);
    const stored = await queryRows(portal.connection.db, sql`select id from stripe_events`);
    expect(stored).toEqual([]);
  });

  it('starts the card subscription when the signed checkout.session.completed arrives, once', async () => {
    const [completed, paid] = events;
    const first = await deliver(completed);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ received: true, duplicate: false });
    await processed(completed.id);
    expect((await deliver(completed)).json()).toEqual({ received: true, duplicate: true });
    await deliver(paid);
    await processed(paid.id);
    expect(await row()).toMatchObject({
      status: 'active',
      paymentMethod: 'credit-card',
      ipsInternal: 40,
      ipsExternal: 20,
      monthlyPrice: { amountMinor: 11_500 },
      paymentFailed: false,
    });
    const periods = await queryRows<{ n: number }>(
      portal.connection.db,
      sql`select count(*)::int as n from subscriptions where customer_id = ${customer.id}`,
    );
    expect(periods).toEqual([{ n: 1 }]);
  });

  it('invoices an instant upgrade prorated at once, and schedules a downgrade for the period end', async () => {
    // Both changes are saved before Stripe has either: they reach it after commit, in the order they were made.
    const upgrade = await api(
      'PUT',
      '/api/portal/subscription',
      { total: 80, internal: 60, external: 20, instant: true, version: (await portalPage()).version },
      customer.cookie,
    );
    expect(upgrade.statusCode, upgrade.body).toBe(200);
    const downgrade = await api(
      'PUT',
      '/api/portal/subscription',
      { total: 30, internal: 30, external: 0, version: (await portalPage()).version },
      customer.cookie,
    );
    expect(downgrade.json()).toMatchObject({ kind: 'downgrade', applied: false });
    expect(await row()).toMatchObject({ ipsInternal: 60, ipsExternal: 20 });

    await expect
      .poll(
        () => [...stripe.state.subscriptionSchedules.values()].at(-1)?.phases.at(-1)?.items[0]?.quantity,
        {
          timeout: 15_000,
        },
      )
      .toBe(30);
    const update = stripe.requests
      .filter((r) => r.method === 'POST' && r.path.startsWith('/v1/subscriptions/'))
      .at(-1);
    expect(update?.params).toMatchObject({
      proration_behavior: 'always_invoice',
      items: [{ quantity: '80' }],
    });
    expect(update?.idempotencyKey).toBe(`quantity:${customer.id}:${upgrade.json().subscription.version}`);
    const subscription = [...stripe.state.subscriptions.values()].at(-1);
    expect(subscription?.items.data[0]?.quantity).toBe(80);
    expect(subscription?.schedule).toBeTruthy();
  });

  it('shows a failed payment on the row, in the details and in the portal', async () => {
    const subscriptionId = [...stripe.state.subscriptions.keys()][0] ?? '';
    const failed = stripe.failInvoice(subscriptionId);
    await deliver(failed);
    await processed(failed.id);
    expect((await row()).paymentFailed).toBe(true);
    expect((await api('GET', `/api/customers/${customer.id}`)).json().cardBilling).toMatchObject({
      status: 'past-due',
      lastPaymentError: expect.stringContaining('failed'),
      lastPaymentFailedAt: '2026-05-12T09:00:00.000Z',
    });
    expect((await portalPage()).cardBilling.status).toBe('past-due');
  });

  it('keeps a change Stripe refuses and records the refusal in the audit log', async () => {
    const subscription = [...stripe.state.subscriptions.values()].at(-1);
    if (!subscription) throw new Error('no subscription at Stripe');
    // Ended at Stripe without the portal being told: Stripe refuses to change it.
    subscription.status = 'canceled';
    const change = await api(
      'PUT',
      '/api/portal/subscription',
      { total: 90, internal: 70, external: 20, instant: true, version: (await portalPage()).version },
      customer.cookie,
    );
    expect(change.statusCode, change.body).toBe(200);
    const refusals = () =>
      queryRows<{ object_id: string; after: { message: string } }>(
        portal.connection.db,
        sql`select object_id, after from audit_log where action = 'stripe.sync-refused'`,
      );
    await expect.poll(refusals, { timeout: 15_000 }).toHaveLength(1);
    expect((await refusals())[0]).toMatchObject({
      object_id: customer.id,
      after: { message: expect.stringContaining('canceled subscription') },
    });
    expect(await row()).toMatchObject({ ipsInternal: 70, ipsExternal: 20 });
  });
});

import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { type FakeStripe, parseForm, startFakeStripe } from '../../test/fake-stripe.ts';
import { StripeRejected, StripeUnavailable, WebhookSignatureInvalid } from './stripe-errors.ts';
import { StripeGateway, WEBHOOK_TOLERANCE_SECONDS } from './stripe-gateway.ts';

const SECRET_KEY = 'sk_test_fakeKey0000000000000000000000000000';
const WEBHOOK_SECRET = 'whsec_testSecret000000000000000000000000';
const RANGES = [
  { from: 1, to: 100, unitPriceMinor: 500, articleName: 'Scan S' },
  { from: 101, to: 500, unitPriceMinor: 400, articleName: 'Scan M' },
  { from: 501, to: 1000, unitPriceMinor: 300, articleName: 'Scan L' },
];
// Billing months start on the 1st; the clock stands mid-January.
const NOW = '2026-01-15T10:00:00Z';
const NEXT_MONTH = new Date('2026-02-01T00:00:00Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

let clock: ManualClock;
let fake: FakeStripe;
let gateway: StripeGateway;

beforeAll(async () => {
  clock = new ManualClock(NOW);
  fake = await startFakeStripe({ validSecretKey: SECRET_KEY, clock });
  gateway = new StripeGateway({ secretKey: SECRET_KEY, apiBase: fake.apiBase, clock });
});
afterAll(() => fake.stop());

const lastRequest = (method: string, path: string | RegExp) => {
  const found = fake.requests.filter(
    (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
  );
  expect(found.length).toBeGreaterThan(0);
  return found[found.length - 1]!;
};

let customerCount = 0;
/** A customer with a running card subscription of `quantity` IPs, as after a completed Checkout. */
async function subscribed(quantity: number, version = 1) {
  customerCount += 1;
  const customerId = `00000000-0000-4000-8000-${String(customerCount).padStart(12, '0')}`;
  const stripeCustomerId = await gateway.ensureCustomer({
    customerId,
    email: `billing${customerCount}@customer.test`,
    companyName: `Customer ${customerCount} GmbH`,
  });
  const { priceId } = await gateway.createTieredPrice({ version, currency: 'EUR', ranges: RANGES });
  const session = await gateway.createCheckoutSession({
    stripeCustomerId,
    priceId,
    quantity,
    successUrl: 'http://portal.test/portal/subscription?checkout=success',
    cancelUrl: 'http://portal.test/portal/subscription?checkout=cancel',
    customerId,
    customerVersion: 1,
    billingAnchor: NEXT_MONTH,
  });
  const events = fake.completeCheckout(session.id);
  const completed = await gateway.retrieveCheckoutSession(session.id);
  const subscription = completed.subscription as Stripe.Subscription;
  return { customerId, stripeCustomerId, priceId, session, events, subscription };
}

describe('checkKeys', () => {
  it('answers the account the key belongs to, in test mode', async () => {
    await expect(gateway.checkKeys()).resolves.toEqual({ accountId: fake.state.account.id, livemode: false });
    expect(fake.state.account.id).toMatch(/^acct_/);
  });

  it("refuses a wrong key with Stripe's own message", async () => {
    const wrong = new StripeGateway({ secretKey: 'sk_test_wrong_1234', apiBase: fake.apiBase });
    const error = await wrong.checkKeys().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StripeRejected);
    expect(error).toMatchObject({
      message: 'Invalid API Key provided: sk_test_****1234',
      statusCode: 401,
      type: 'invalid_request_error',
    });
  });

  it('tells an unreachable Stripe from a refusal', async () => {
    const stopped = await startFakeStripe({ validSecretKey: SECRET_KEY });
    await stopped.stop();
    const offline = new StripeGateway({ secretKey: SECRET_KEY, apiBase: stopped.apiBase });
    await expect(offline.checkKeys()).rejects.toBeInstanceOf(StripeUnavailable);
  });
});

describe('ensureCustomer', () => {
  it('creates one Stripe customer per portal customer, however often it is asked', async () => {
    const before = fake.state.customers.size;
    const input = {
      customerId: 'c0ffee00-0000-4000-8000-000000000001',
      email: 'a@b.test',
      companyName: 'ACME',
    };
    const first = await gateway.ensureCustomer(input);
    const second = await gateway.ensureCustomer(input);
    expect(second).toBe(first);
    expect(first).toMatch(/^cus_/);
    expect(fake.state.customers.size).toBe(before + 1);
    expect(fake.state.customers.get(first)).toMatchObject({
      email: 'a@b.test',
      name: 'ACME',
      metadata: { portal_customer_id: input.customerId },
    });
    expect(lastRequest('POST', '/v1/customers').idempotencyKey).toBe(`customer:${input.customerId}`);
  });
});

describe('createTieredPrice', () => {
  it('makes a graduated monthly price whose tiers follow the table, the last one open', async () => {
    const { productId, priceId } = await gateway.createTieredPrice({
      version: 7,
      currency: 'EUR',
      ranges: RANGES,
    });
    expect(fake.state.products.get(productId)).toMatchObject({
      name: 'vMSP IP scanning',
      metadata: { price_version: '7' },
    });
    const price = fake.state.prices.get(priceId);
    expect(price).toMatchObject({
      product: productId,
      currency: 'eur',
      type: 'recurring',
      billing_scheme: 'tiered',
      tiers_mode: 'graduated',
      recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed' },
      metadata: { price_version: '7' },
      tiers: [
        { up_to: 100, unit_amount: 500, flat_amount: null },
        { up_to: 500, unit_amount: 400, flat_amount: null },
        { up_to: null, unit_amount: 300, flat_amount: null },
      ],
    });
    const request = lastRequest('POST', '/v1/prices');
    expect(request.idempotencyKey).toBe('price:7');
    expect(request.params.tiers).toEqual([
      { up_to: '100', unit_amount: '500' },
      { up_to: '500', unit_amount: '400' },
      { up_to: 'inf', unit_amount: '300' },
    ]);
    expect(lastRequest('POST', '/v1/products').idempotencyKey).toBe('product:7');
  });

  it('makes one product and price per version, however often it is asked', async () => {
    const first = await gateway.createTieredPrice({ version: 8, currency: 'EUR', ranges: RANGES });
    const prices = fake.state.prices.size;
    await expect(gateway.createTieredPrice({ version: 8, currency: 'EUR', ranges: RANGES })).resolves.toEqual(
      first,
    );
    expect(fake.state.prices.size).toBe(prices);
  });

  it('is refused when a version is sent again with other ranges, as Stripe refuses a reused key', async () => {
    await gateway.createTieredPrice({ version: 9, currency: 'EUR', ranges: RANGES });
    const changed = RANGES.map((r) => ({ ...r, unitPriceMinor: r.unitPriceMinor + 1 }));
    await expect(
      gateway.createTieredPrice({ version: 9, currency: 'EUR', ranges: changed }),
    ).rejects.toMatchObject({ name: 'StripeRejected', type: 'idempotency_error' });
  });
});

describe('createCheckoutSession', () => {
  it('subscribes to the quantity, anchored to the next month with the days until then prorated', async () => {
    const { customerId, stripeCustomerId, priceId, session, events, subscription } = await subscribed(120);
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${fake.apiBase}/c/pay/${session.id}`);

    const request = lastRequest('POST', '/v1/checkout/sessions');
    expect(request.params).toMatchObject({
      mode: 'subscription',
      customer: stripeCustomerId,
      client_reference_id: customerId,
      line_items: [{ price: priceId, quantity: '120' }],
      subscription_data: {
        billing_cycle_anchor: String(seconds(NEXT_MONTH)),
        proration_behavior: 'create_prorations',
      },
    });
    expect(request.idempotencyKey).toMatch(new RegExp(`^checkout:${customerId}:1:`));

    expect(events.map((e) => e.type)).toEqual(['checkout.session.completed', 'invoice.paid']);
    expect(subscription).toMatchObject({ status: 'active', billing_cycle_anchor: seconds(NEXT_MONTH) });
    expect(subscription.items.data[0]).toMatchObject({
      quantity: 120,
      price: { id: priceId },
      current_period_start: seconds(new Date(NOW)),
      current_period_end: seconds(NEXT_MONTH),
    });
    const invoice = await gateway.retrieveInvoice(subscription.latest_invoice as string);
    const fullMonth = 100 * 500 + 20 * 400;
    expect(invoice.status).toBe('paid');
    expect(invoice.amount_paid).toBeGreaterThan(0);
    expect(invoice.amount_paid).toBeLessThan(fullMonth);
  });

  it('is refused by the fake as by Stripe when a required parameter is missing', async () => {
    const stripe = new Stripe(SECRET_KEY, {
      host: '127.0.0.1',
      port: new URL(fake.apiBase).port,
      protocol: 'http',
    });
    const error = await stripe.checkout.sessions
      .create({ mode: 'subscription', line_items: [] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 400, message: 'Missing required param: success_url.' });
    const price = await stripe.prices
      .create({
        currency: 'eur',
        product: [...fake.state.products.keys()][0]!,
        billing_scheme: 'tiered',
        tiers_mode: 'graduated',
        tiers: [{ up_to: 100, unit_amount: 1 }],
      })
      .catch((e: unknown) => e);
    expect(price).toMatchObject({ statusCode: 400, param: 'tiers[0][up_to]' });
  });
});

describe('changeQuantityNow', () => {
  it('updates the item at once, prorated and invoiced at once', async () => {
    const { customerId, priceId, subscription } = await subscribed(120);
    const item = subscription.items.data[0]!;
    const updated = await gateway.changeQuantityNow({
      subscriptionId: subscription.id,
      quantity: 150,
      priceId,
      customerId,
      customerVersion: 2,
    });
    const request = lastRequest('POST', `/v1/subscriptions/${subscription.id}`);
    expect(request.params).toEqual({
      items: [{ id: item.id, price: priceId, quantity: '150' }],
      proration_behavior: 'always_invoice',
    });
    expect(request.idempotencyKey).toBe(`quantity:${customerId}:2`);
    expect(updated.items.data[0]?.quantity).toBe(150);
    expect(updated.latest_invoice).not.toBe(subscription.latest_invoice);
    const invoice = await gateway.retrieveInvoice(updated.latest_invoice as string);
    expect(invoice).toMatchObject({ billing_reason: 'subscription_update', status: 'paid' });
  });
});

describe('scheduleQuantityAtPeriodEnd', () => {
  /** A subscription of 300 IPs and a change of it to 200 IPs, to be scheduled for the period end. */
  async function downgradePending() {
    const { customerId, priceId, subscription } = await subscribed(300);
    const change = {
      subscriptionId: subscription.id,
      quantity: 200,
      priceId,
      customerId,
      customerVersion: 2,
    };
    return { change, subscription };
  }

  it('keeps the current phase until the period end and starts the new quantity then', async () => {
    const { customerId, priceId, subscription } = await subscribed(120);
    const change = { subscriptionId: subscription.id, quantity: 80, priceId, customerId, customerVersion: 2 };
    const schedule = await gateway.scheduleQuantityAtPeriodEnd(change);

    expect(schedule.id).toMatch(/^sub_sched_/);
    expect(lastRequest('POST', '/v1/subscription_schedules')).toMatchObject({
      params: { from_subscription: subscription.id },
      idempotencyKey: `schedule:${customerId}:2`,
    });
    expect(lastRequest('POST', `/v1/subscription_schedules/${schedule.id}`).params).toMatchObject({
      end_behavior: 'release',
      proration_behavior: 'none',
    });
    expect(schedule.end_behavior).toBe('release');
    expect(schedule.phases).toHaveLength(2);
    const [current, next] = schedule.phases;
    expect(current).toMatchObject({
      start_date: seconds(new Date(NOW)),
      end_date: seconds(NEXT_MONTH),
      items: [{ price: priceId, quantity: 120 }],
    });
    expect(next).toMatchObject({
      start_date: seconds(NEXT_MONTH),
      items: [{ price: priceId, quantity: 80 }],
    });
    expect((await gateway.retrieveSubscription(subscription.id)).schedule).toBe(schedule.id);
  });

  it('replaces the pending change of an attached schedule instead of making another', async () => {
    const { change } = await downgradePending();
    const first = await gateway.scheduleQuantityAtPeriodEnd(change);
    const second = await gateway.scheduleQuantityAtPeriodEnd({
      ...change,
      quantity: 150,
      customerVersion: 3,
    });
    expect(second.id).toBe(first.id);
    expect(second.phases[1]?.items[0]?.quantity).toBe(150);
  });

  it('is released by an instant change or a cancellation, which supersede it', async () => {
    const { change, subscription } = await downgradePending();
    const schedule = await gateway.scheduleQuantityAtPeriodEnd(change);
    await gateway.changeQuantityNow({ ...change, quantity: 400, customerVersion: 3 });
    expect(fake.state.subscriptionSchedules.get(schedule.id)?.status).toBe('released');

    const again = await gateway.scheduleQuantityAtPeriodEnd({ ...change, customerVersion: 4 });
    const canceled = await gateway.cancelAtPeriodEnd(subscription.id);
    expect(fake.state.subscriptionSchedules.get(again.id)?.status).toBe('released');
    expect(canceled).toMatchObject({ cancel_at_period_end: true, schedule: null });
  });
});

describe('retrieve', () => {
  it('reads a failed invoice and the past-due subscription it leaves', async () => {
    const { subscription } = await subscribed(10);
    const failed = fake.failInvoice(subscription.id);
    expect(failed.type).toBe('invoice.payment_failed');
    await expect(gateway.retrieveInvoice(failed.data.object.id)).resolves.toMatchObject({
      status: 'open',
      amount_paid: 0,
      amount_due: 10 * 500,
      parent: { subscription_details: { subscription: subscription.id } },
    });
    await expect(gateway.retrieveSubscription(subscription.id)).resolves.toMatchObject({
      status: 'past_due',
    });
  });
});

describe('cancelNow', () => {
  it('ends the subscription at once', async () => {
    const { subscription } = await subscribed(10);
    await expect(gateway.cancelNow(subscription.id)).resolves.toMatchObject({ status: 'canceled' });
  });
});

describe('constructWebhookEvent', () => {
  it('accepts an event signed with the secret, as text or as the raw bytes', async () => {
    const { events } = await subscribed(10);
    const [completed] = events;
    const { payload, header } = fake.signedEvent(completed, WEBHOOK_SECRET);
    const event = gateway.constructWebhookEvent(payload, header, WEBHOOK_SECRET);
    expect(event).toMatchObject({ id: completed.id, type: 'checkout.session.completed' });
    expect(gateway.constructWebhookEvent(Buffer.from(payload), header, WEBHOOK_SECRET).id).toBe(completed.id);
  });

  it('refuses another secret, a changed body and a missing header', async () => {
    const { events } = await subscribed(10);
    const { payload, header } = fake.signedEvent(events[1], 'whsec_someoneElse');
    expect(() => gateway.constructWebhookEvent(payload, header, WEBHOOK_SECRET)).toThrow(
      WebhookSignatureInvalid,
    );
    const signed = fake.signedEvent(events[1], WEBHOOK_SECRET);
    const tampered = signed.payload.replace('"paid"', '"open"');
    expect(() => gateway.constructWebhookEvent(tampered, signed.header, WEBHOOK_SECRET)).toThrow(
      WebhookSignatureInvalid,
    );
    expect(() => gateway.constructWebhookEvent(signed.payload, '', WEBHOOK_SECRET)).toThrow(
      WebhookSignatureInvalid,
    );
  });

  it(`refuses an event signed more than ${WEBHOOK_TOLERANCE_SECONDS} s ago`, async () => {
    const { events } = await subscribed(10);
    const now = seconds(clock.now());
    const old = fake.signedEvent(events[0], WEBHOOK_SECRET, now - 301);
    expect(() => gateway.constructWebhookEvent(old.payload, old.header, WEBHOOK_SECRET)).toThrow(
      /Timestamp outside the tolerance zone/,
    );
    expect(() => gateway.constructWebhookEvent(old.payload, old.header, WEBHOOK_SECRET)).toThrow(
      WebhookSignatureInvalid,
    );
    const recent = fake.signedEvent(events[0], WEBHOOK_SECRET, now - 299);
    expect(gateway.constructWebhookEvent(recent.payload, recent.header, WEBHOOK_SECRET).id).toBe(
      events[0].id,
    );
  });
});

describe("the fake's form parser", () => {
  it('reads bracket notation into objects and arrays', () => {
    expect(
      parseForm(
        'mode=subscription&line_items[0][price]=p&line_items[0][quantity]=2&expand[]=a&expand[]=b&x=%5B',
      ),
    ).toEqual({
      mode: 'subscription',
      line_items: [{ price: 'p', quantity: '2' }],
      expand: ['a', 'b'],
      x: '[',
    });
  });
});

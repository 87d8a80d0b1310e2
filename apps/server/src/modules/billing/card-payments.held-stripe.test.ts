import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeEvent, FakeStripe, HeldAnswer } from '../../test/fake-stripe.ts';
import { invitedCustomer, signIn, type TestPortal } from '../../test/harness.ts';
import {
  enableCardPayments,
  eventProcessedAt,
  postStripeEvent,
  type StripeTestPortal,
  startStripePortal,
} from '../../test/stripe-portal.ts';

// While Stripe is slow to answer, the portal keeps serving everyone else: no Stripe call runs inside a database
// transaction. On the embedded database (one connection) a call inside one would stop every other request.
// Each case holds the fake Stripe's answer until the other requests are done, then lets it go.

/**
 * How long the other requests may take while Stripe is held before the test calls them stuck. They take
 * milliseconds when nothing waits for Stripe, and never finish while something does; the bound only turns a
 * hang into a failure, and stays below the gateway's 20 s timeout, after which the held call would give up.
 */
const STUCK_AFTER_MS = 15_000;

let setup: StripeTestPortal;
let stripe: FakeStripe;
let portal: TestPortal;
let admin: string;
let card: { id: string; cookie: string };
let other: { id: string };

type Method = 'GET' | 'POST' | 'PUT';
const api = (method: Method, url: string, payload?: object, cookie = admin) =>
  portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

/** Fails with `what` instead of hanging when `promise` does not settle in time. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: still waiting after ${STUCK_AFTER_MS} ms`)),
      STUCK_AFTER_MS,
    );
  });
  try {
    return await Promise.race([promise, stuck]);
  } finally {
    clearTimeout(timer);
  }
}

/** Settles to whether `promise` has settled yet, without waiting for it. */
function tracked<T>(promise: Promise<T>) {
  const state = { done: false, result: promise };
  promise.then(
    () => {
      state.done = true;
    },
    () => {
      state.done = true;
    },
  );
  return state;
}

const version = async (id: string) => (await api('GET', `/api/customers/${id}`)).json().version as number;

/** What the others do while Stripe is held: list, sign in, and change another customer. */
async function othersAreServed(held: string): Promise<void> {
  const list = await within(api('GET', '/api/customers?pageSize=50'), `GET /api/customers while ${held}`);
  expect(list.statusCode).toBe(200);
  const cookie = await within(signIn(portal, 'admin@provider.test'), `signing in while ${held}`);
  expect(cookie).toBeTruthy();
  const total = ((await within(api('GET', `/api/customers/${other.id}`), `details while ${held}`)).json()
    .ipsInternal ?? 0) as number;
  const changed = await within(
    api('PUT', `/api/customers/${other.id}/ip-distribution`, {
      total: total + 1,
      internal: total + 1,
      external: 0,
      instant: true,
      version: await version(other.id),
    }),
    `another customer's change while ${held}`,
  );
  expect(changed.statusCode, changed.body).toBe(200);
}

/** Holds Stripe's answer to the first matching request while `act` runs, and checks that others are served. */
async function whileHeld<T>(
  held: string,
  matches: (request: { method: string; path: string }) => boolean,
  act: () => Promise<T>,
  stillPending: (operation: { done: boolean }) => Promise<void>,
): Promise<T> {
  const gate: HeldAnswer = stripe.hold(matches);
  const operation = tracked(act());
  try {
    await within(gate.arrived, `Stripe was never asked (${held})`);
    await othersAreServed(held);
    // Stripe has still not answered: what the others got did not wait for it.
    await stillPending(operation);
  } finally {
    gate.release();
    // Settled before the next case starts, also when this one failed.
    await operation.result.catch(() => undefined);
  }
  return operation.result;
}

const processedAt = (eventId: string) => eventProcessedAt(portal, eventId);

const deliver = (event: FakeEvent) => postStripeEvent(setup, event);

const createCustomer = (companyName: string, contactEmail: string, serviceMode: 'managed' | 'self-service') =>
  invitedCustomer(portal, admin, {
    companyName,
    address: { street: 'Weg 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
    contactName: 'Hanna Held',
    contactEmail,
    serviceMode,
  });

beforeAll(async () => {
  // Embedded by default (PGlite, one connection): the case this guards. TEST_DATABASE_URL runs it on a server.
  setup = await startStripePortal();
  ({ stripe, portal, admin } = setup);
  await enableCardPayments(setup);
  card = await createCustomer('Held Card GmbH', 'hanna@held.test', 'self-service');
  other = await createCustomer('Other Invoice GmbH', 'otto@other.test', 'managed');
}, 120_000);
afterAll(() => setup?.dispose());

describe('a slow Stripe holds up no one else (embedded database)', () => {
  let sessionId = '';
  let subscriptionId = '';

  it('serves other requests while Checkout waits for Stripe, then sends the customer to Stripe', async () => {
    const res = await whileHeld(
      'Stripe holds the checkout',
      (r) => r.method === 'POST' && r.path === '/v1/checkout/sessions',
      async () =>
        api(
          'POST',
          '/api/portal/subscription/card-checkout',
          { total: 60, internal: 40, external: 20, version: await version(card.id) },
          card.cookie,
        ),
      async (checkout) => expect(checkout.done).toBe(false),
    );
    expect(res.statusCode, res.body).toBe(200);
    sessionId = res.json().url.split('/').at(-1);
    expect(stripe.state.checkoutSessions.get(sessionId)).toMatchObject({ client_reference_id: card.id });
    const create = stripe.requests.find((r) => r.path === '/v1/checkout/sessions' && r.method === 'POST');
    expect(create?.idempotencyKey).toMatch(new RegExp(`^checkout:${card.id}:`));
  }, 60_000);

  it('serves other requests while a webhook event is read back from Stripe, then applies it', async () => {
    sessionId ||= [...stripe.state.checkoutSessions.keys()].at(-1) ?? '';
    const [completed, paid] = stripe.completeCheckout(sessionId);
    await whileHeld(
      'Stripe holds the re-read of a webhook event',
      (r) => r.method === 'GET' && r.path === `/v1/checkout/sessions/${sessionId}`,
      async () => {
        const res = await deliver(completed);
        expect(res.statusCode, res.body).toBe(200);
      },
      async () => expect(await processedAt(completed.id)).toBeNull(),
    );
    await expect.poll(() => processedAt(completed.id), { timeout: 20_000 }).not.toBeNull();
    await deliver(paid);
    await expect.poll(() => processedAt(paid.id), { timeout: 20_000 }).not.toBeNull();
    const details = (await api('GET', `/api/customers/${card.id}`)).json();
    expect(details).toMatchObject({ paymentMethod: 'credit-card', ipsInternal: 40, ipsExternal: 20 });
  }, 60_000);

  it('serves other requests while a card subscription change waits for Stripe, then Stripe has it', async () => {
    subscriptionId = [...stripe.state.subscriptions.keys()][0] ?? '';
    const change = await whileHeld(
      'Stripe holds a quantity change',
      (r) => r.path === `/v1/subscriptions/${subscriptionId}`,
      async () =>
        api(
          'PUT',
          '/api/portal/subscription',
          { total: 80, internal: 60, external: 20, instant: true, version: await version(card.id) },
          card.cookie,
        ),
      async () => expect(stripe.state.subscriptions.get(subscriptionId)?.items.data[0]?.quantity).toBe(60),
    );
    expect(change.statusCode, change.body).toBe(200);
    await expect
      .poll(() => stripe.state.subscriptions.get(subscriptionId)?.items.data[0]?.quantity, {
        timeout: 20_000,
      })
      .toBe(80);
    const update = stripe.requests.find(
      (r) => r.method === 'POST' && r.path === `/v1/subscriptions/${subscriptionId}`,
    );
    expect(update?.idempotencyKey).toMatch(new RegExp(`^quantity:${card.id}:\\d+$`));
  }, 60_000);

  it('serves other requests while the purge of a card customer waits for Stripe, then the subscription ends', async () => {
    const marked = await api('POST', `/api/customers/${card.id}/delete`, {
      confirmation: 'DELETE',
      version: await version(card.id),
    });
    expect(marked.statusCode, marked.body).toBe(200);
    await whileHeld(
      'Stripe holds the cancellation of a purge',
      (r) => r.path === `/v1/subscriptions/${subscriptionId}`,
      () => portal.services.deletion.runPurge({ customerId: card.id, purgeAt: marked.json().purgeAt }),
      async () => expect(stripe.state.subscriptions.get(subscriptionId)?.cancel_at_period_end).toBe(false),
    );
    expect((await api('GET', `/api/customers/${card.id}`)).statusCode).toBe(404);
    await expect
      .poll(() => stripe.state.subscriptions.get(subscriptionId)?.cancel_at_period_end, { timeout: 20_000 })
      .toBe(true);
  }, 60_000);
});

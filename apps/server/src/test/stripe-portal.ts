import type { SavePriceTableInput } from '@vmsp/contracts';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { queryRows } from '../db/connection.ts';
import { ManualClock } from '../lib/clock.ts';
import { type FakeEvent, type FakeStripe, startFakeStripe } from './fake-stripe.ts';
import {
  createAdmin,
  createTestPortal,
  type InvitedCustomerInput,
  signIn,
  type TestPortal,
} from './harness.ts';

export interface StripeKeys {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
}

/** The keys of the tests' Stripe account: the fake accepts this secret key only. */
export const STRIPE_KEYS: StripeKeys = {
  secretKey: 'sk_test_portal1234',
  publishableKey: 'pk_test_abc',
  webhookSecret: 'whsec_testsecret',
};

/** 1–50 at 2.00, 51–250 at 1.50. */
const TWO_RANGES: SavePriceTableInput['ranges'] = [
  { from: 1, to: 50, articleName: 'Scan S', articleNumber: 'S', unitPrice: '2.00' },
  { from: 51, to: 250, articleName: 'Scan M', articleNumber: 'M', unitPrice: '1.50' },
];

/**
 * The set-up the card-payment tests share: a portal whose Stripe is the local fake, with its jobs running (the
 * webhook's events and the subscription sync are jobs), an admin signed in, mails logged, self-service sign-up
 * on and a price table saved.
 */
export interface StripeTestPortal {
  stripe: FakeStripe;
  portal: TestPortal;
  /** The admin's session cookie. */
  admin: string;
  /** Ends the portal (dropping its database) and the fake. */
  dispose(): Promise<void>;
}

/** The clock starts on 12 May 2026, 09:00 UTC; Stripe's keys are not saved yet (`enableCardPayments`). */
export async function startStripePortal(
  options: { priceRanges?: SavePriceTableInput['ranges'] } = {},
): Promise<StripeTestPortal> {
  const clock = new ManualClock('2026-05-12T09:00:00Z');
  const stripe = await startFakeStripe({ validSecretKey: STRIPE_KEYS.secretKey, clock });
  const portal = await createTestPortal({ clock, jobs: true, env: { STRIPE_API_BASE: stripe.apiBase } });
  await createAdmin(portal);
  const admin = await signIn(portal, 'admin@provider.test');
  const put = (url: string, payload: object) =>
    portal.app.inject({ method: 'PUT', url, payload, headers: { cookie: admin } });
  await put('/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' });
  await put('/api/settings/self-service', { registrationEnabled: true });
  const ranges = options.priceRanges ?? TWO_RANGES;
  await put('/api/price-table', { currency: 'EUR', basedOnVersion: null, ranges });
  return {
    stripe,
    portal,
    admin,
    async dispose() {
      await portal.dispose();
      await stripe.stop();
    },
  };
}

/** A self-service customer who is to pay by card (create it with the harness's `invitedCustomer`). */
export const CARD_CUSTOMER: InvitedCustomerInput = {
  companyName: 'Card Customer GmbH',
  address: { street: 'Weg 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
  contactName: 'Carla Card',
  contactEmail: 'carla@card.test',
  serviceMode: 'self-service',
};

/** Saves STRIPE_KEYS as the admin (the fake checks the secret key) and turns Credit Card on. */
export async function enableCardPayments({ portal, admin }: StripeTestPortal): Promise<void> {
  const put = (url: string, payload: object) =>
    portal.app.inject({ method: 'PUT', url, payload, headers: { cookie: admin } });
  const saved = await put('/api/settings/stripe', STRIPE_KEYS);
  expect(saved.statusCode, saved.body).toBe(200);
  await put('/api/payment-methods/credit-card', { active: true });
}

/**
 * Posts an event to the webhook as Stripe would: the exact bytes, signed with the webhook secret of STRIPE_KEYS
 * (or `secret`) at `timestamp` (unix seconds; default now).
 */
export function postStripeEvent(
  { stripe, portal }: StripeTestPortal,
  event: FakeEvent,
  signing: { secret?: string | undefined; timestamp?: number | undefined } = {},
): Promise<LightMyRequestResponse> {
  const { payload, header } = stripe.signedEvent(
    event,
    signing.secret ?? STRIPE_KEYS.webhookSecret,
    signing.timestamp,
  );
  return portal.app.inject({
    method: 'POST',
    url: '/api/stripe/webhook',
    payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': header },
  });
}

/** When the portal finished handling a received event (its job ran); null before. */
export async function eventProcessedAt(portal: TestPortal, eventId: string): Promise<Date | null> {
  const [row] = await queryRows<{ processed_at: Date | null }>(
    portal.connection.db,
    sql`select processed_at from stripe_events where id = ${eventId}`,
  );
  return row?.processed_at ?? null;
}

/**
 * Waits until the event's job has handled it; bounded, so a broken job fails the test instead of hanging it.
 * A plain loop rather than `expect.poll`, which works inside a test only, not in `beforeAll`.
 */
export async function eventHandled(portal: TestPortal, eventId: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await eventProcessedAt(portal, eventId))) {
    if (Date.now() > deadline) throw new Error(`event ${eventId} was not handled within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

import { billingListColumns } from '@vmsp/domain';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../../db/schema.ts';
import {
  acceptInvitation,
  createAdmin,
  createCustomer,
  createTestPortal,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';
import { runningPeriod } from './subscriptions.repository.ts';

/*
 * The Billing list's columns of a customer row (status, IPs, payment method, price) follow from one rule of the
 * domain, applied to the row's facts and its running period. Random subscription histories, driven through the
 * admin's API and the month end with a moving clock, must leave every row as that rule says after every step.
 */

let portal: TestPortal;
/** The admin's session. */
let cookie = '';

type Step =
  | { kind: 'distribute'; total: number; internalShare: number; instant: boolean }
  | { kind: 'cancel' }
  | { kind: 'toggle-lock' }
  | { kind: 'delete' }
  | { kind: 'undo-delete' }
  | { kind: 'month-end'; advanceHours: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('distribute' as const),
      total: fc.integer({ min: 1, max: 400 }),
      internalShare: fc.double({ min: 0, max: 1, noNaN: true }),
      instant: fc.boolean(),
    }),
    weight: 4,
  },
  { arbitrary: fc.constant({ kind: 'cancel' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'toggle-lock' as const }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'delete' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'undo-delete' as const }), weight: 1 },
  {
    // Up to about six weeks: some steps stay inside a billing month, others cross one or two month ends.
    arbitrary: fc.record({
      kind: fc.constant('month-end' as const),
      advanceHours: fc.integer({ min: 0, max: 1000 }),
    }),
    weight: 3,
  },
);

let customerNo = 0;
/** A new customer made through the API, registered or still invited. */
async function newCustomer(registered: boolean): Promise<string> {
  customerNo += 1;
  const contactEmail = `history${customerNo}@customer.test`;
  const id = await createCustomer(portal, cookie, {
    companyName: `History ${customerNo} GmbH`,
    contactEmail,
  });
  if (registered) await acceptInvitation(portal, contactEmail);
  return id;
}

const rowOf = async (id: string) =>
  (await portal.connection.db.select().from(customers).where(eq(customers.id, id)))[0];

const api = (method: 'PUT' | 'POST', url: string, payload: object) =>
  portal.app.inject({ method, url, payload, headers: { cookie } });

/**
 * Takes one step through the API an admin uses (the month end through its service). A refusal (an action
 * that does not apply now) is part of a history; an answer of 5xx is not.
 */
async function take(id: string, s: Step): Promise<void> {
  const row = await rowOf(id);
  const version = row?.version ?? 0;
  let res: { statusCode: number; body: string } | undefined;
  switch (s.kind) {
    case 'distribute': {
      const internal = Math.round(s.total * s.internalShare);
      res = await api('PUT', `/api/customers/${id}/ip-distribution`, {
        total: s.total,
        internal,
        external: s.total - internal,
        instant: s.instant,
        version,
      });
      break;
    }
    case 'cancel':
      res = await api('POST', `/api/customers/${id}/subscription/cancel`, { version });
      break;
    case 'toggle-lock':
      res = await api('PUT', `/api/customers/${id}/locked`, { locked: !row?.locked, version });
      break;
    case 'delete':
      res = await api('POST', `/api/customers/${id}/delete`, { confirmation: 'DELETE', version });
      break;
    case 'undo-delete':
      res = await api('POST', `/api/customers/${id}/undo-delete`, { version });
      break;
    case 'month-end':
      portal.clock.advance(s.advanceHours * 3_600_000);
      await portal.services.monthEnd.run();
      break;
  }
  if (res) expect(res.statusCode, `${JSON.stringify(s)}: ${res.body}`).toBeLessThan(500);
}

/** The row's list columns against the domain's rule applied to the row's facts and its running period. */
async function expectRowFollowsRule(id: string, after: Step): Promise<void> {
  const row = await rowOf(id);
  const running = await runningPeriod(portal.connection.db, id);
  if (!row) {
    // A customer that never registered is deleted at once, with its subscription.
    expect(running, JSON.stringify(after)).toBeUndefined();
    return;
  }
  const shown = {
    status: row.status,
    ipsInternal: row.ipsInternal,
    ipsExternal: row.ipsExternal,
    paymentMethod: row.paymentMethod,
    monthlyPriceMinor: row.monthlyPriceMinor,
    currency: row.currency,
  };
  expect(shown, JSON.stringify(after)).toEqual(billingListColumns(row, running ?? null));
}

beforeAll(async () => {
  // The histories span years of the test clock: the admin's one session lasts through them.
  portal = await createTestPortal({
    env: { SESSION_IDLE_MINUTES: '10000000', SESSION_ABSOLUTE_HOURS: '1000000' },
  });
  await createAdmin(portal);
  portal.clock.set('2026-01-10T09:00:00Z');
  cookie = await signIn(portal, 'admin@provider.test');
  const put = (url: string, payload: object) => api('PUT', url, payload);
  await put('/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' });
  const table = await put('/api/price-table', {
    currency: 'EUR',
    ranges: [
      { from: 1, to: 50, articleName: 'Scan S', articleNumber: 'IP-S', unitPrice: '2.00' },
      { from: 51, to: 250, articleName: 'Scan M', articleNumber: 'IP-M', unitPrice: '1.50' },
      { from: 251, to: 500, articleName: 'Scan L', articleNumber: 'IP-L', unitPrice: '1.00' },
    ],
    basedOnVersion: null,
  });
  expect(table.statusCode, table.body).toBe(200);
});
afterAll(() => portal.dispose());

describe('the Billing list columns of a customer row', () => {
  it('follow the domain rule after every step of a random subscription history', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Mostly registered customers: one never registered is deleted at once, which ends its history.
        fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
        fc.array(step, { minLength: 1, maxLength: 12 }),
        async (registered, steps) => {
          const id = await newCustomer(registered);
          await expectRowFollowsRule(id, steps[0] as Step);
          for (const s of steps) {
            await take(id, s);
            await expectRowFollowsRule(id, s);
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 600_000);
});

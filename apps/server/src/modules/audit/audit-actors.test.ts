import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import { ManualClock } from '../../lib/clock.ts';
import { type FakeStripe, startFakeStripe } from '../../test/fake-stripe.ts';
import {
  createAdmin,
  createTestPortal,
  STRONG_PASSWORD,
  sessionCookieOf,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';
import { STRIPE_EVENT_JOB, type StripeEventJob } from '../billing/card-payments.jobs.ts';
import { COMPLETE_COMPANY } from '../invoicing/company-settings.fixtures.ts';
import { generateSignerKeyPair, issueProjectKey } from '../project-keys/project-key-token.ts';

/*
 * R-8.1: every audited action, performed the way it is performed in production (an admin or a customer user
 * through the HTTP API, the jobs through their handlers), names who did it: the signed-in admin, the customer
 * user, or the system only for what a job or the CLI does on its own. The entries are checked when they are
 * written and once more at the end, after a customer has been purged, because the audit log must keep naming
 * the admins who acted on it.
 */

const SECRET_KEY = 'sk_test_audit1234';
const WEBHOOK_SECRET = 'whsec_auditsecret';
const MODULES = join(import.meta.dirname, '..');

/** What jobs and the CLI record on their own, whoever's request happened to run them. */
const SYSTEM_ACTIONS = new Set([
  'subscription.change-applied',
  'subscription.repriced',
  'subscription.term-ended',
  'payment.failed',
  'payment.succeeded',
  'customer.purged',
  'admin.created-from-cli',
]);

/** The subscription kinds a change is audited under (`subscription.<kind>`), from the domain's ChangeKind. */
const CHANGE_KINDS = ['start', 'upgrade', 'downgrade', 'redistribution'];

/**
 * Every audit action the services write for someone: the dotted string literals of the service files, without
 * job names, Stripe event and object types, comments, and the entries written with `actor: null` (a job's or
 * the CLI's by construction: they cannot name anybody). A new such action fails this test until the walk
 * performs it.
 */
function auditActionsInSources(): Set<string> {
  const actions = new Set(CHANGE_KINDS.map((k) => `subscription.${k}`));
  for (const folder of readdirSync(MODULES)) {
    const dir = join(MODULES, folder);
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.service.ts'));
    } catch {
      continue;
    }
    for (const file of files) {
      let previous = '';
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const code = line.trim();
        const skip =
          /^(\*|\/\/|\/\*)/.test(code) ||
          /_JOB\b|^case |^'[^']*',?$/.test(code) ||
          (previous === 'actor: null,' && code.startsWith('action:'));
        if (code) previous = code;
        if (skip) continue;
        for (const m of code.matchAll(/(?<![!=]==\s*)'([a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*)'/g)) {
          actions.add(m[1] ?? '');
        }
      }
    }
  }
  return actions;
}

interface Who {
  id: string;
  email: string;
}

interface Entry {
  id: number;
  action: string;
  actor_id: string | null;
  actor_email: string | null;
}

let stripe: FakeStripe;
let portal: TestPortal;

/** Audit row id → who must be named there (null: the system). */
const expectedActors = new Map<number, Who | null>();
const actionsSeen = new Set<string>();
let lastSeen = 0;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** One request that must succeed. */
async function call(cookie: string, method: Method, url: string, payload?: object) {
  const res = await portal.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: cookie ? { cookie } : {},
  });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res;
}

const entriesSince = (id: number) =>
  queryRows<Entry>(
    portal.connection.db,
    sql`select id::int as id, action, actor_id, actor_email from audit_log where id > ${id} order by id`,
  );

/** Runs what `actor` does and checks that every audit entry it caused names `actor` (or the system, for a job's). */
async function as<T>(actor: Who | null, what: string, run: () => Promise<T>): Promise<T> {
  const result = await run();
  const entries = await entriesSince(lastSeen);
  expect(entries.length, `${what} wrote no audit entry`).toBeGreaterThan(0);
  for (const e of entries) {
    const expected = SYSTEM_ACTIONS.has(e.action) ? null : actor;
    expect(
      { action: e.action, actorId: e.actor_id, actorEmail: e.actor_email },
      `${what}: the entry "${e.action}" names who did it`,
    ).toEqual({ action: e.action, actorId: expected?.id ?? null, actorEmail: expected?.email ?? null });
    expectedActors.set(e.id, expected);
    actionsSeen.add(e.action);
  }
  lastSeen = entries.at(-1)?.id ?? lastSeen;
  return result;
}

const who = async (cookie: string): Promise<Who> => {
  const { user } = (await call(cookie, 'GET', '/api/session')).json();
  return { id: user.id, email: user.email };
};

/** The token of the newest mail of the template to the address, as its reader would click it. */
async function mailedToken(to: string, template: string): Promise<string> {
  const [mail] = await queryRows<{ text: string }>(
    portal.connection.db,
    sql`select text from mails where to_address = ${to} and template = ${template} order by created_at desc, id desc limit 1`,
  );
  const match = mail?.text.match(/\?token=([A-Za-z0-9_%-]+)/);
  if (!match?.[1]) throw new Error(`no ${template} mail to ${to}`);
  return decodeURIComponent(match[1]);
}

const address = { street: 'Weg 1', postalCode: '10115', city: 'Berlin', country: 'DE' };
const password = { password: STRONG_PASSWORD, passwordConfirmation: STRONG_PASSWORD };

beforeAll(async () => {
  const clock = new ManualClock('2026-05-12T09:00:00Z');
  stripe = await startFakeStripe({ validSecretKey: SECRET_KEY, clock });
  portal = await createTestPortal({
    clock,
    env: { STRIPE_API_BASE: stripe.apiBase, DELETION_GRACE_SECONDS: '1800' },
  });
});
afterAll(async () => {
  await portal.dispose();
  await stripe.stop();
});

describe('the audit log names who acted (R-8.1)', () => {
  // About a hundred requests and a dozen password hashes in one walk: more than the default 30 s on one busy core.
  it('every audited action, by an admin, a customer user or a job, names its actor, also after a purge', {
    timeout: 180_000,
  }, async () => {
    const db = portal.connection.db;
    const versionOf = async (admin: string, id: string): Promise<number> =>
      (await call(admin, 'GET', `/api/customers/${id}`)).json().version;

    // --- Admins: the first one through the setup link, the CLI's, an invited one. ---
    const setupToken = new URL((await portal.services.admins.firstAdminSetupUrl()) ?? '').searchParams.get(
      'token',
    );
    const firstSetup = await portal.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token: setupToken, email: 'boss@provider.test', ...password },
    });
    expect(firstSetup.statusCode, firstSetup.body).toBe(200);
    const boss = { id: firstSetup.json().user.id, email: 'boss@provider.test' };
    await as(boss, 'the first admin sets up the portal', async () => {});
    await as(null, '`vmsp admin create`', () =>
      portal.services.admins.createFromCli('cli@provider.test', STRONG_PASSWORD),
    );
    await createAdmin(portal, 'admin@provider.test');
    const cookie = await signIn(portal, 'admin@provider.test');
    const me = await who(cookie);
    expect((await entriesSince(lastSeen)).map((e) => [e.action, e.actor_email])).toEqual([
      ['session.signed-in', me.email],
    ]);
    await as(me, 'the admin signs in', async () => {});

    const invited = await as(me, 'the admin invites an admin', () =>
      call(cookie, 'POST', '/api/admins', { email: 'new.admin@provider.test' }),
    );
    const inviteToken = new URL(invited.json().inviteUrl).searchParams.get('token');
    const newAdmin = { id: invited.json().admin.id, email: 'new.admin@provider.test' };
    await as(newAdmin, 'the invited admin accepts', () =>
      call('', 'POST', '/api/setup', { token: inviteToken, ...password }),
    );
    await as(me, 'the admin removes an admin', () => call(cookie, 'DELETE', `/api/admins/${newAdmin.id}`));

    // --- Settings. ---
    await as(me, 'mail server', () =>
      call(cookie, 'PUT', '/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' }),
    );
    await as(me, 'a test mail', () =>
      call(cookie, 'POST', '/api/settings/mail/test', { to: 'ops@provider.test' }),
    );
    const [failed] = await queryRows<{ id: string }>(
      db,
      sql`update mails set status = 'failed', last_error = 'connection refused'
          where id = (select id from mails order by created_at desc limit 1) returning id`,
    );
    await as(me, 'a failed mail retried', () => call(cookie, 'POST', `/api/mails/${failed?.id}/retry`));
    await as(me, 'notification address', () =>
      call(cookie, 'PUT', '/api/settings/notifications', { address: 'ops@provider.test' }),
    );
    await as(me, 'self-service on', () =>
      call(cookie, 'PUT', '/api/settings/self-service', { registrationEnabled: true }),
    );
    const ranges = (unitPrice: string) => [
      { from: 1, to: 500, articleName: 'Scan', articleNumber: 'S', unitPrice },
    ];
    await as(me, 'the price table', () =>
      call(cookie, 'PUT', '/api/price-table', {
        currency: 'EUR',
        basedOnVersion: null,
        ranges: ranges('2.00'),
      }),
    );
    const msp = await generateSignerKeyPair();
    const spare = await generateSignerKeyPair();
    for (const signer of [msp, spare]) {
      await as(me, 'a project-key signer added', () =>
        call(cookie, 'POST', '/api/settings/project-keys', {
          label: `MSP ${signer.kid.slice(0, 6)}`,
          publicJwk: JSON.stringify(signer.publicJwk),
        }),
      );
    }
    await as(me, 'a project-key signer removed', () =>
      call(cookie, 'DELETE', `/api/settings/project-keys/${spare.kid}`),
    );
    await as(me, 'Stripe settings', () =>
      call(cookie, 'PUT', '/api/settings/stripe', {
        secretKey: SECRET_KEY,
        publishableKey: 'pk_test_audit',
        webhookSecret: WEBHOOK_SECRET,
      }),
    );
    for (const method of ['project-key', 'credit-card']) {
      await as(me, `${method} activated`, () =>
        call(cookie, 'PUT', `/api/payment-methods/${method}`, { active: true }),
      );
    }
    await as(me, 'invoice deactivated', () =>
      call(cookie, 'PUT', '/api/payment-methods/invoice', { active: false }),
    );
    await as(me, 'invoice activated', () =>
      call(cookie, 'PUT', '/api/payment-methods/invoice', { active: true }),
    );
    await as(me, 'Settings → Company', () => call(cookie, 'PUT', '/api/settings/company', COMPLETE_COMPANY));

    // --- A managed customer the admin creates and changes in every way, then deletes: purged later. ---
    const created = await as(me, 'New Customer', () =>
      call(cookie, 'POST', '/api/customers', {
        companyName: 'Purged Later GmbH',
        address,
        contactName: 'Paula Purge',
        contactEmail: 'paula@purged.test',
        serviceMode: 'managed',
      }),
    );
    const purgedId: string = created.json().id;
    portal.clock.advance(60_000);
    await as(me, 'Resend Invitation', () =>
      call(cookie, 'POST', `/api/customers/${purgedId}/resend-invitation`),
    );
    const paulaToken = await mailedToken('paula@purged.test', 'customer-invite');
    const paulaRes = await portal.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token: paulaToken, ...password },
    });
    const paula = { id: paulaRes.json().user.id, email: 'paula@purged.test' };
    await as(paula, 'the contact accepts the invitation', async () => {
      expect(paulaRes.statusCode, paulaRes.body).toBe(200);
    });
    const paulaCookie = sessionCookieOf(paulaRes);
    await as(paula, 'the main user invites a member', () =>
      call(paulaCookie, 'POST', '/api/portal/team/invitations', { email: 'pete@purged.test' }),
    );
    const peteRes = await portal.app.inject({
      method: 'POST',
      url: '/api/team-invitations/accept',
      payload: { token: await mailedToken('pete@purged.test', 'team-invite'), ...password },
    });
    const pete = { id: peteRes.json().user.id, email: 'pete@purged.test' };
    await as(pete, 'the member joins', async () => expect(peteRes.statusCode, peteRes.body).toBe(200));

    await as(me, 'IP Distribution', async () =>
      call(cookie, 'PUT', `/api/customers/${purgedId}/ip-distribution`, {
        total: 20,
        internal: 10,
        external: 10,
        instant: true,
        version: await versionOf(cookie, purgedId),
      }),
    );
    await as(me, 'Lock', async () =>
      call(cookie, 'PUT', `/api/customers/${purgedId}/locked`, {
        locked: true,
        version: await versionOf(cookie, purgedId),
      }),
    );
    await as(me, 'Unlock', async () =>
      call(cookie, 'PUT', `/api/customers/${purgedId}/locked`, {
        locked: false,
        version: await versionOf(cookie, purgedId),
      }),
    );
    await as(me, 'Edit Address', async () =>
      call(cookie, 'PUT', `/api/customers/${purgedId}/address`, {
        address: { ...address, street: 'Neuer Weg 2' },
        version: await versionOf(cookie, purgedId),
      }),
    );
    await as(me, 'Change Main User', async () =>
      call(cookie, 'PUT', `/api/customers/${purgedId}/main-user`, {
        userId: pete.id,
        version: await versionOf(cookie, purgedId),
      }),
    );
    await as(me, 'Cancel Active Subscription', async () =>
      call(cookie, 'POST', `/api/customers/${purgedId}/subscription/cancel`, {
        version: await versionOf(cookie, purgedId),
      }),
    );
    await as(me, 'Delete (marked)', async () =>
      call(cookie, 'POST', `/api/customers/${purgedId}/delete`, {
        confirmation: 'DELETE',
        version: await versionOf(cookie, purgedId),
      }),
    );
    await as(me, 'Undo deletion', async () =>
      call(cookie, 'POST', `/api/customers/${purgedId}/undo-delete`, {
        version: await versionOf(cookie, purgedId),
      }),
    );
    const marked = await as(me, 'Delete (marked again)', async () =>
      call(cookie, 'POST', `/api/customers/${purgedId}/delete`, {
        confirmation: 'DELETE',
        version: await versionOf(cookie, purgedId),
      }),
    );

    // --- A customer that never registered: deleted at once. ---
    const never = await as(me, 'New Customer (never registered)', () =>
      call(cookie, 'POST', '/api/customers', {
        companyName: 'Never Registered AG',
        address,
        contactName: 'Nina Never',
        contactEmail: 'nina@never.test',
        serviceMode: 'managed',
      }),
    );
    await as(me, 'Delete (never registered)', async () =>
      call(cookie, 'POST', `/api/customers/${never.json().id}/delete`, {
        version: never.json().version,
      }),
    );

    // --- A managed customer with a team, a project key, and changes that wait for the month end. ---
    const kept = await as(me, 'New Customer (kept)', () =>
      call(cookie, 'POST', '/api/customers', {
        companyName: 'Kept Team GmbH',
        address,
        contactName: 'Karl Kept',
        contactEmail: 'karl@kept.test',
        serviceMode: 'managed',
      }),
    );
    const keptId: string = kept.json().id;
    const karlRes = await portal.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token: await mailedToken('karl@kept.test', 'customer-invite'), ...password },
    });
    const karl = { id: karlRes.json().user.id, email: 'karl@kept.test' };
    await as(karl, 'the contact accepts the invitation', async () =>
      expect(karlRes.statusCode, karlRes.body).toBe(200),
    );
    const karlCookie = sessionCookieOf(karlRes);
    const team = (path: string) => `/api/portal/team${path}`;
    const kim = await as(karl, 'the main user invites a member', () =>
      call(karlCookie, 'POST', team('/invitations'), { email: 'kim@kept.test' }),
    );
    portal.clock.advance(60_000); // so that the newest mail is the resent one
    await as(karl, 'resends the invitation', () =>
      call(karlCookie, 'POST', team(`/invitations/${kim.json().id}/resend`)),
    );
    const kimRes = await portal.app.inject({
      method: 'POST',
      url: '/api/team-invitations/accept',
      payload: { token: await mailedToken('kim@kept.test', 'team-invite'), ...password },
    });
    const kimWho = { id: kimRes.json().user.id, email: 'kim@kept.test' };
    await as(kimWho, 'the member joins', async () => expect(kimRes.statusCode, kimRes.body).toBe(200));
    const ken = await as(karl, 'invites another member', () =>
      call(karlCookie, 'POST', team('/invitations'), { email: 'ken@kept.test' }),
    );
    await as(karl, 'withdraws the invitation', () =>
      call(karlCookie, 'DELETE', team(`/invitations/${ken.json().id}`)),
    );
    await as(karl, 'disables a member', () =>
      call(karlCookie, 'PUT', team(`/members/${kimWho.id}/enabled`), { enabled: false }),
    );
    await as(karl, 'enables a member', () =>
      call(karlCookie, 'PUT', team(`/members/${kimWho.id}/enabled`), { enabled: true }),
    );
    await as(karl, 'hands over the main user', () =>
      call(karlCookie, 'POST', team('/main-user'), { userId: kimWho.id }),
    );
    // Disabling ended the member's sessions: signed in again, as the new main user.
    const kimAgain = await signIn(portal, kimWho.email);
    await as(kimWho, 'the new main user removes a member', () =>
      call(kimAgain, 'DELETE', team(`/members/${karl.id}`)),
    );

    await as(me, 'IP Distribution (a new subscription)', async () =>
      call(cookie, 'PUT', `/api/customers/${keptId}/ip-distribution`, {
        total: 40,
        internal: 20,
        external: 20,
        instant: true,
        version: await versionOf(cookie, keptId),
      }),
    );
    await as(me, 'IP Distribution (an upgrade)', async () =>
      call(cookie, 'PUT', `/api/customers/${keptId}/ip-distribution`, {
        total: 60,
        internal: 30,
        external: 30,
        instant: true,
        version: await versionOf(cookie, keptId),
      }),
    );
    await as(me, 'IP Distribution (a redistribution)', async () =>
      call(cookie, 'PUT', `/api/customers/${keptId}/ip-distribution`, {
        total: 60,
        internal: 40,
        external: 20,
        instant: true,
        version: await versionOf(cookie, keptId),
      }),
    );
    await as(me, 'IP Distribution (a downgrade at the month end)', async () =>
      call(cookie, 'PUT', `/api/customers/${keptId}/ip-distribution`, {
        total: 30,
        internal: 20,
        external: 10,
        instant: false,
        version: await versionOf(cookie, keptId),
      }),
    );

    const keyed = await as(me, 'New Customer (project key)', () =>
      call(cookie, 'POST', '/api/customers', {
        companyName: 'Project Key KG',
        address,
        contactName: 'Pia Key',
        contactEmail: 'pia@key.test',
        serviceMode: 'managed',
      }),
    );
    const key = await issueProjectKey({
      privateJwk: msp.privateJwk,
      ips: 10,
      months: 1,
      purchasePriceMinor: 1_000,
      currency: 'EUR',
      issuedAt: portal.clock.now(),
      expiresAt: new Date(portal.clock.now().getTime() + 365 * 86_400_000),
    });
    await as(me, 'Add Project Key', async () =>
      call(cookie, 'POST', `/api/customers/${keyed.json().id}/project-key`, {
        key,
        salesPrice: '30.00',
        internal: 5,
        external: 5,
        instant: true,
        version: keyed.json().version,
      }),
    );

    // --- A self-service customer: signs up, confirms, keeps its company and subscription, pays by card. ---
    const signUp = await portal.app.inject({
      method: 'POST',
      url: '/api/sign-up',
      payload: {
        email: 'sue@self.test',
        ...password,
        companyName: 'Self Service GmbH',
        contactName: 'Sue Self',
        address,
        acceptTerms: true,
      },
    });
    expect(signUp.statusCode, signUp.body).toBeLessThan(300);
    const [sueRow] = await queryRows<{ id: string }>(
      db,
      sql`select id from users where email = 'sue@self.test'`,
    );
    const sue = { id: sueRow?.id ?? '', email: 'sue@self.test' };
    await as(sue, 'a visitor signs up', async () => {});
    const verified = await as(sue, 'confirms the e-mail address', async () =>
      call('', 'POST', '/api/sign-up/verify', {
        token: await mailedToken('sue@self.test', 'email-verification'),
      }),
    );
    const sueCookie = sessionCookieOf(verified);
    await as(sue, 'changes its company address', () =>
      call(sueCookie, 'PUT', '/api/portal/company', {
        address: { ...address, city: 'Hamburg', postalCode: '20095' },
      }),
    );
    await as(sue, 'subscribes by invoice', async () =>
      call(sueCookie, 'PUT', '/api/portal/subscription', {
        total: 10,
        internal: 10,
        external: 0,
        instant: true,
        version: (await call(sueCookie, 'GET', '/api/portal/subscription')).json().version,
      }),
    );
    await as(me, 'the admin exports the customers', () => call(cookie, 'GET', '/api/customers/export'));
    await as(me, 'the admin exports the audit log', () =>
      call(cookie, 'GET', '/api/audit/export?action=customer.locked'),
    );

    // A second self-service customer pays by card; Stripe's answers are handled by the job, as the system.
    const cardCustomer = await as(me, 'New Customer (card)', () =>
      call(cookie, 'POST', '/api/customers', {
        companyName: 'Card Payer GmbH',
        address,
        contactName: 'Carl Card',
        contactEmail: 'carl@card.test',
        serviceMode: 'self-service',
      }),
    );
    const carlRes = await portal.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token: await mailedToken('carl@card.test', 'customer-invite'), ...password },
    });
    const carl = { id: carlRes.json().user.id, email: 'carl@card.test' };
    await as(carl, 'the card customer registers', async () => expect(carlRes.statusCode).toBe(200));
    const carlCookie = sessionCookieOf(carlRes);
    const checkout = await as(carl, 'Credit Card: to Stripe Checkout', async () =>
      call(carlCookie, 'POST', '/api/portal/subscription/card-checkout', {
        total: 12,
        internal: 6,
        external: 6,
        version: (await call(carlCookie, 'GET', '/api/portal/subscription')).json().version,
      }),
    );
    const handled = new Set<string>();
    const workStripeEvents = async () => {
      const jobs = await queryRows<{ data: StripeEventJob }>(
        db,
        sql`select data from pgboss.job where name = ${STRIPE_EVENT_JOB.name} order by created_on`,
      );
      for (const { data } of jobs) {
        if (handled.has(data.eventId)) continue;
        handled.add(data.eventId);
        await portal.services.stripeEvents.handle(data);
      }
    };
    const deliver = async (event: Parameters<FakeStripe['signedEvent']>[0]) => {
      const { payload, header } = stripe.signedEvent(event, WEBHOOK_SECRET);
      const res = await portal.app.inject({
        method: 'POST',
        url: '/api/stripe/webhook',
        payload,
        headers: { 'content-type': 'application/json', 'stripe-signature': header },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    const sessionId = checkout.json().url.split('/').at(-1);
    const [completed, paid] = stripe.completeCheckout(sessionId);
    await as(null, 'Stripe: checkout completed and paid', async () => {
      for (const event of [completed, paid]) await deliver(event);
      await workStripeEvents();
    });
    const [card] = await queryRows<{ subscription_id: string }>(
      db,
      sql`select stripe_subscription_id as subscription_id from card_billing where customer_id = ${cardCustomer.json().id}`,
    );
    await as(null, 'Stripe: a payment failed', async () => {
      await deliver(stripe.failInvoice(card?.subscription_id ?? ''));
      await workStripeEvents();
    });
    await as(null, 'Stripe: the invoice was paid after all', async () => {
      await deliver({ ...paid, id: `${paid.id}_again` });
      await workStripeEvents();
    });
    await as(me, 'Convert to Managed Customer', () =>
      call(cookie, 'POST', `/api/customers/${cardCustomer.json().id}/convert-to-managed`, {}),
    );

    // --- Password resets, of an admin and of a customer user. ---
    for (const [user, label] of [
      [me, 'an admin'],
      [sue, 'a customer user'],
    ] as const) {
      await call('', 'POST', '/api/password-reset', { email: user.email });
      await as(user, `${label} resets the password`, async () =>
        call('', 'POST', '/api/password-reset/complete', {
          token: await mailedToken(user.email, 'password-reset'),
          ...password,
        }),
      );
    }
    const admin2 = await signIn(portal, me.email);
    await as(me, 'the admin signs in again', async () => {});

    // --- A new price version, the month end, the purge: jobs, recorded as the system. ---
    await as(me, 'a new price version', async () =>
      call(admin2, 'PUT', '/api/price-table', {
        currency: 'EUR',
        basedOnVersion: (await call(admin2, 'GET', '/api/price-table')).json().current.version,
        ranges: ranges('1.80'),
      }),
    );
    portal.clock.set('2026-08-02T09:00:00Z');
    await as(null, 'the month end', () => portal.services.monthEnd.run());

    // --- Invoices: an admin marks one paid, then credits a line of it; purchase prices; the billing data. ---
    const [invoice] = await queryRows<{ id: string; issue_date: string }>(
      db,
      sql`select id, issue_date::text from invoices where kind = 'invoice' order by number limit 1`,
    );
    expect(invoice, 'the month end issued an invoice').toBeDefined();
    const admin3 = await signIn(portal, me.email);
    await as(me, 'the admin signs in after the month end', async () => {});
    await as(me, 'Mark as paid', () =>
      call(admin3, 'POST', `/api/invoices/${invoice?.id}/paid`, { paidOn: invoice?.issue_date }),
    );
    await as(null, 'the documents', () => portal.services.invoiceRendering.renderPending());
    await as(me, 'Send by e-mail', () =>
      call(admin3, 'POST', `/api/invoices/${invoice?.id}/mail`, { to: 'accounts@customer.test' }),
    );
    await as(me, 'Credit note', () =>
      call(admin3, 'POST', `/api/invoices/${invoice?.id}/credit-notes`, {
        reason: 'One line was billed twice',
        lineIds: [1],
      }),
    );
    await as(me, 'a purchase price table', () =>
      call(admin3, 'PUT', '/api/purchase-price-table', {
        currency: 'EUR',
        basedOnVersion: null,
        ranges: ranges('0.90'),
      }),
    );
    await as(me, "the month's billing data", () =>
      call(admin3, 'GET', '/api/billing-data?month=2026-07&format=csv'),
    );
    await as(null, 'the purge', () =>
      portal.services.deletion.runPurge({ customerId: purgedId, purgeAt: marked.json().purgeAt }),
    );
    const left = await queryRows(db, sql`select id from customers where id = ${purgedId}`);
    expect(left, 'the customer is purged').toEqual([]);

    // Every action the services can audit was performed.
    const missing = [...auditActionsInSources()].filter((a) => !actionsSeen.has(a));
    expect(missing, 'audited actions this walk does not perform').toEqual([]);

    // The purge took the customer's personal data out of the log, but every admin who acted is still named.
    const now = new Map((await entriesSince(0)).map((e) => [e.id, e]));
    const purgedUsers = new Set([paula.id, pete.id]);
    for (const [id, expected] of expectedActors) {
      const entry = now.get(id);
      if (expected && purgedUsers.has(expected.id)) {
        expect(entry?.actor_email, `${entry?.action}: a purged user is no longer named`).toBeNull();
        continue;
      }
      expect(
        { action: entry?.action, actorId: entry?.actor_id, actorEmail: entry?.actor_email },
        `entry ${id} (${entry?.action}) still names who did it`,
      ).toEqual({
        action: entry?.action,
        actorId: expected?.id ?? null,
        actorEmail: expected?.email ?? null,
      });
    }
  });
});

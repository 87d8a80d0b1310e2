import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal, type Portal } from '../app.ts';
import { type Connection, openDatabase } from '../db/connection.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { ManualClock } from '../lib/clock.ts';
import { createTestDatabase, mailedToken, STRONG_PASSWORD, testConfig } from '../test/harness.ts';
import { LogRedactor, REDACTED } from './log-redaction.ts';

/** Every line the portal logged, parsed, as it would reach the log file. */
const lines: string[] = [];
const stream = { write: (line: string) => void lines.push(line) };

let portal: Portal;
let connection: Connection;
let dropDatabase: () => Promise<void>;
const clock = new ManualClock();

/** Everything the log must never contain: tokens, passwords, session ids. */
const secrets = new Set<string>();
const keep = (secret: string) => {
  secrets.add(secret);
  // Also as it travels in a URL.
  secrets.add(encodeURIComponent(secret));
  return secret;
};

const NEW_PASSWORD = 'amber glacier hums beside 17 ferries';
const MEMBER_PASSWORD = 'copper lantern drifts past 9 harbours';

async function call(method: 'GET' | 'POST' | 'PUT', url: string, cookie = '', payload?: object) {
  const res = await portal.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: cookie ? { cookie } : {},
  });
  for (const c of res.cookies) if (c.value) keep(c.value);
  return res;
}

const cookieOf = (res: LightMyRequestResponse) => {
  const c = res.cookies.find((c) => c.name === 'vmsp_session');
  if (!c) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  return `vmsp_session=${c.value}`;
};

/** The token of the newest mail of the template to the address, as its reader would click it. */
const linkToken = async (to: string, template: string, page: string) =>
  keep(await mailedToken({ connection }, to, { template, page }));

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  // The most talkative level: nothing anyone logs may carry a secret.
  const config = { ...testConfig({ LOG_LEVEL: 'trace' }), database: database.target };
  connection = await openDatabase(database.target);
  await migrateDatabase(connection);
  portal = await buildPortal(config, { connection, clock, logStream: stream });
  await portal.startJobs({ work: false });
  for (const p of [STRONG_PASSWORD, NEW_PASSWORD, MEMBER_PASSWORD]) keep(p);
});

afterAll(async () => {
  await portal.close();
  await connection.close();
  await dropDatabase();
});

describe('the log of a whole flow (R-8.2)', () => {
  it('holds no one-time token, password or session id, yet still names every request', async () => {
    // First admin: the link the start prints, its page, and the API behind it.
    const setupUrl = await portal.services.admins.firstAdminSetupUrl();
    const setupToken = keep(new URL(setupUrl ?? '').searchParams.get('token') ?? '');
    await call('GET', `/setup?token=${encodeURIComponent(setupToken)}`);
    expect((await call('GET', `/api/setup/${encodeURIComponent(setupToken)}`)).statusCode).toBe(200);
    const setup = await call('POST', '/api/setup', '', {
      token: setupToken,
      email: 'first@provider.test',
      password: STRONG_PASSWORD,
      passwordConfirmation: STRONG_PASSWORD,
    });
    expect(setup.statusCode, setup.body).toBe(200);
    const admin = cookieOf(setup);
    expect(
      (
        await call('PUT', '/api/settings/mail', admin, {
          transport: 'log',
          fromAddress: 'portal@provider.test',
        })
      ).statusCode,
    ).toBe(200);

    // Invite a customer; its contact accepts the link.
    const created = await call('POST', '/api/customers', admin, {
      companyName: 'Acme GmbH',
      address: { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
      contactName: 'Erika Mustermann',
      contactEmail: 'erika@acme.test',
      serviceMode: 'managed',
    });
    expect(created.statusCode, created.body).toBe(201);
    const inviteToken = await linkToken('erika@acme.test', 'customer-invite', 'invitation');
    await call('GET', `/invitation?token=${encodeURIComponent(inviteToken)}`);
    expect((await call('GET', `/api/invitations/${encodeURIComponent(inviteToken)}`)).statusCode).toBe(200);
    const accepted = await call('POST', '/api/invitations/accept', '', {
      token: inviteToken,
      password: STRONG_PASSWORD,
      passwordConfirmation: STRONG_PASSWORD,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);

    // Password reset: request, the link's page, completion, signing in with the new password.
    expect((await call('POST', '/api/password-reset', '', { email: 'erika@acme.test' })).statusCode).toBe(
      202,
    );
    const resetToken = await linkToken('erika@acme.test', 'password-reset', 'reset-password');
    await call('GET', `/reset-password?token=${encodeURIComponent(resetToken)}`);
    expect((await call('GET', `/api/password-reset/${encodeURIComponent(resetToken)}`)).statusCode).toBe(200);
    const reset = await call('POST', '/api/password-reset/complete', '', {
      token: resetToken,
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    });
    expect(reset.statusCode, reset.body).toBe(200);
    const signedIn = await call('POST', '/api/session', '', {
      email: 'erika@acme.test',
      password: NEW_PASSWORD,
    });
    const main = cookieOf(signedIn);

    // Team invitation: the main user invites a colleague, who accepts.
    const invited = await call('POST', '/api/portal/team/invitations', main, { email: 'max@acme.test' });
    expect(invited.statusCode, invited.body).toBe(201);
    const teamToken = await linkToken('max@acme.test', 'team-invite', 'team-invitation');
    await call('GET', `/team-invitation?token=${encodeURIComponent(teamToken)}`);
    expect((await call('GET', `/api/team-invitations/${encodeURIComponent(teamToken)}`)).statusCode).toBe(
      200,
    );
    const joined = await call('POST', '/api/team-invitations/accept', '', {
      token: teamToken,
      password: MEMBER_PASSWORD,
      passwordConfirmation: MEMBER_PASSWORD,
    });
    expect(joined.statusCode, joined.body).toBe(200);

    // Links gone wrong: used twice, mangled, too long. They are logged too.
    await call('GET', `/api/invitations/${encodeURIComponent(inviteToken)}`);
    await call('GET', `/api/invitations/${encodeURIComponent(inviteToken)}%ZZ`);
    await call('GET', `/api/password-reset/${encodeURIComponent(resetToken)}${'x'.repeat(1000)}`);
    await call('GET', `/api/session`, main);
    await call('POST', '/api/session', '', { email: 'erika@acme.test', password: `${NEW_PASSWORD}!` });
    keep(`${NEW_PASSWORD}!`);

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(30);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect(log.includes(secret), `the log contains a secret: ${secret.slice(0, 6)}…`).toBe(false);
    }
    // Still a useful log: the routes are there, with the secret part marked.
    expect(log).toContain(`"url":"/api/invitations/${REDACTED}"`);
    expect(log).toContain(`"url":"/setup?token=${REDACTED}"`);
    expect(log).toContain('"url":"/api/password-reset/complete"');
    expect(log).toContain('"url":"/api/customers"');
  });
});

describe('LogRedactor', () => {
  const redactor = new LogRedactor();
  for (const route of ['/api/invitations/:token', '/api/invitations/accept', '/api/customers/:id'])
    redactor.addRoute(route);

  it('redacts secret route parameters and query values, and nothing else', () => {
    expect(redactor.url('/api/invitations/abc')).toBe(`/api/invitations/${REDACTED}`);
    expect(redactor.url('/api/invitations/accept')).toBe('/api/invitations/accept');
    expect(redactor.url('/api/customers/123?q=acme&page=2')).toBe('/api/customers/123?q=acme&page=2');
    expect(redactor.url('/verify-email?lang=de&token=abc&x')).toBe(
      `/verify-email?lang=de&token=${REDACTED}&x`,
    );
    expect(redactor.url('/a?pass%77ord=abc')).toBe(`/a?pass%77ord=${REDACTED}`);
  });

  it('scrubs the URLs and bound values in an error, and leaves out its other fields', () => {
    const failed = Object.assign(
      new Error('Failed query: select * from users where token_hash = $1\nparams: 9f86d081884c7d65'),
      { params: ['9f86d081884c7d65'], code: '23505' },
    );
    const err = new Error("'/api/invitations/abc%ZZ' is not a valid url component", { cause: failed });
    const logged = JSON.stringify(redactor.error(err));
    expect(logged).not.toContain('abc');
    expect(logged).not.toContain('9f86d081884c7d65');
    expect(logged).toContain('"code":"23505"');
    expect(logged).toContain(`/api/invitations/${REDACTED}`);
  });
});

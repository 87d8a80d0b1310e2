import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import {
  createAdmin,
  createTestPortal,
  STRONG_PASSWORD,
  sessionCookieOf,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';

let portal: TestPortal;
const NEW_PASSWORD = 'amber glacier hums beside 17 ferries';
const MINUTE = 60_000;

// The route allows 5 requests per client in 15 minutes; each request here comes from its own address,
// except in the test of that limit.
let clients = 0;
const nextClient = () => {
  clients += 1;
  return `10.20.${clients >> 8}.${clients & 255}`;
};

async function requestReset(email: string, remoteAddress = nextClient()) {
  const res = await portal.app.inject({
    method: 'POST',
    url: '/api/password-reset',
    payload: { email },
    remoteAddress,
  });
  // Mails of one address then differ in created_at, so "the newest" is well defined.
  portal.clock.advance(1000);
  return res;
}

const info = (token: string) =>
  portal.app.inject({ method: 'GET', url: `/api/password-reset/${encodeURIComponent(token)}` });

const complete = (token: string, password = NEW_PASSWORD, passwordConfirmation = password) =>
  portal.app.inject({
    method: 'POST',
    url: '/api/password-reset/complete',
    payload: { token, password, passwordConfirmation },
  });

const session = (cookie: string) =>
  portal.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });

const signInStatus = async (email: string, password: string) =>
  (
    await portal.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email, password },
      remoteAddress: nextClient(),
    })
  ).statusCode;

async function resetMails(to: string) {
  return queryRows<{ text: string; subject: string }>(
    portal.connection.db,
    sql`select text, subject from mails where lower(to_address) = ${to.toLowerCase()} and template = 'password-reset' order by created_at desc`,
  );
}

/** A fresh admin session: the tests move the clock past the idle limit of older ones. */
const adminSession = () => signIn(portal, 'admin@provider.test');

/** The link of the newest reset mail to the address, as the user would click it. */
async function resetToken(to: string): Promise<string> {
  const [mail] = await resetMails(to);
  const match = mail?.text.match(/http:\/\/portal\.test\/reset-password\?token=([A-Za-z0-9_%-]+)/);
  if (!match?.[1]) throw new Error(`no reset mail to ${to}`);
  return decodeURIComponent(match[1]);
}

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
});
afterAll(() => portal.dispose());

describe('asking for a reset link', () => {
  it('answers 202 without a mail server, and sends nothing', async () => {
    await createAdmin(portal, 'early@provider.test');
    const res = await requestReset('early@provider.test');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ ok: true });
    expect(await resetMails('early@provider.test')).toHaveLength(0);
    const mailSettings = await portal.app.inject({
      method: 'PUT',
      url: '/api/settings/mail',
      payload: { transport: 'log', fromAddress: 'portal@provider.test' },
      headers: { cookie: await adminSession() },
    });
    expect(mailSettings.statusCode).toBe(200);
  });

  it('answers an unknown and a known address identically; only the known one gets a mail', async () => {
    await createAdmin(portal, 'known@provider.test');
    const known = await requestReset('Known@Provider.test');
    const unknown = await requestReset('nobody@provider.test');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    expect(known.json()).toEqual({ ok: true });
    expect(await resetMails('nobody@provider.test')).toHaveLength(0);
    const [mail] = await resetMails('known@provider.test');
    expect(mail?.subject).toBe('Reset your vMSP Portal password');
    expect(mail?.text).toMatch(/expires on 15 January 2026/);
  });

  it('sends a disabled user no mail, with the same answer', async () => {
    const user = await createAdmin(portal, 'disabled@provider.test');
    await portal.services.users.update(portal.connection.db, user.id, { status: 'disabled' });
    const res = await requestReset('disabled@provider.test');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ ok: true });
    expect(await resetMails('disabled@provider.test')).toHaveLength(0);
  });

  it('replaces the earlier link with a new one', async () => {
    await createAdmin(portal, 'twice@provider.test');
    await requestReset('twice@provider.test');
    const first = await resetToken('twice@provider.test');
    await requestReset('twice@provider.test');
    const second = await resetToken('twice@provider.test');
    expect(second).not.toBe(first);
    expect((await info(first)).json()).toMatchObject({ code: 'TOKEN_INVALID' });
    expect((await info(second)).json()).toEqual({ email: 'twice@provider.test' });
  });

  it('mails one address at most 3 times an hour, still with the same answer', async () => {
    await createAdmin(portal, 'flooded@provider.test');
    for (let i = 0; i < 4; i++) expect((await requestReset('flooded@provider.test')).statusCode).toBe(202);
    expect(await resetMails('flooded@provider.test')).toHaveLength(3);
    portal.clock.advance(60 * MINUTE);
    await requestReset('flooded@provider.test');
    expect(await resetMails('flooded@provider.test')).toHaveLength(4);
  });

  it('limits one client to 5 requests in 15 minutes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await requestReset(`guess${i}@provider.test`, '10.99.0.1')).statusCode);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('names the field of a malformed address', async () => {
    const res = await requestReset('not-an-address');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'email' });
  });
});

describe('using the link', () => {
  it('works once: the new password signs in, the old one does not, and it is audited', async () => {
    const user = await createAdmin(portal, 'once@provider.test');
    await signIn(portal, 'once@provider.test');
    await requestReset('once@provider.test');
    const token = await resetToken('once@provider.test');
    expect((await info(token)).json()).toEqual({ email: 'once@provider.test' });

    const done = await complete(token);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ ok: true });
    // Not signed in by the link: the new password has to be used at the sign-in page.
    expect(done.cookies.find((c) => c.name === 'vmsp_session')).toBeUndefined();
    expect(await signInStatus('once@provider.test', NEW_PASSWORD)).toBe(200);
    expect(await signInStatus('once@provider.test', STRONG_PASSWORD)).toBe(401);

    const again = await complete(token, 'another fine phrase of 9 owls');
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ code: 'TOKEN_INVALID', field: 'token' });
    expect((await info(token)).statusCode).toBe(400);
    expect(await signInStatus('once@provider.test', NEW_PASSWORD)).toBe(200);

    const [entry] = await queryRows<{ actor_id: string; after: unknown }>(
      portal.connection.db,
      sql`select actor_id, after from audit_log where action = 'user.password-reset' and object_id = ${user.id}`,
    );
    expect(entry).toMatchObject({ actor_id: user.id, after: { sessionsEnded: 1 } });
  });

  it('lets a user locked out by failed sign-ins in again once the password is reset', async () => {
    await createAdmin(portal, 'forgetful@provider.test');
    // Each attempt comes from another client address, so only the per-account limit (10 failures) counts.
    for (let i = 0; i < 10; i++) await signInStatus('forgetful@provider.test', `wrong guess ${i}`);
    expect(await signInStatus('forgetful@provider.test', STRONG_PASSWORD)).toBe(429);
    await requestReset('forgetful@provider.test');
    await complete(await resetToken('forgetful@provider.test'));
    expect(await signInStatus('forgetful@provider.test', NEW_PASSWORD)).toBe(200);
  });

  it('expires after an hour: usable at 59 minutes, refused at 61', async () => {
    await createAdmin(portal, 'hour@provider.test');
    await requestReset('hour@provider.test');
    const early = await resetToken('hour@provider.test');
    portal.clock.advance(59 * MINUTE);
    expect((await info(early)).statusCode).toBe(200);
    expect((await complete(early)).statusCode).toBe(200);

    await requestReset('hour@provider.test');
    const late = await resetToken('hour@provider.test');
    portal.clock.advance(61 * MINUTE);
    expect((await info(late)).json()).toMatchObject({ code: 'TOKEN_INVALID' });
    const refused = await complete(late, 'a different phrase of 12 herons');
    expect(refused.json()).toMatchObject({ code: 'TOKEN_INVALID' });
    expect(await signInStatus('hour@provider.test', NEW_PASSWORD)).toBe(200);
  });

  it('ends every session of the user, and only theirs', async () => {
    await createAdmin(portal, 'sessions@provider.test');
    const admin = await adminSession();
    const laptop = await signIn(portal, 'sessions@provider.test');
    const phone = await signIn(portal, 'sessions@provider.test');
    expect((await session(laptop)).statusCode).toBe(200);
    await requestReset('sessions@provider.test');
    expect((await complete(await resetToken('sessions@provider.test'))).statusCode).toBe(200);
    expect((await session(laptop)).statusCode).toBe(401);
    expect((await session(phone)).statusCode).toBe(401);
    expect((await session(admin)).statusCode).toBe(200);
  });

  it('refuses a weak password and a wrong confirmation with the field, and the link stays usable', async () => {
    await createAdmin(portal, 'weak@provider.test');
    await requestReset('weak@provider.test');
    const token = await resetToken('weak@provider.test');

    const weak = await complete(token, 'password123');
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'WEAK_PASSWORD', field: 'password' });
    const mismatch = await complete(token, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    expect(mismatch.json()).toMatchObject({ code: 'PASSWORDS_DO_NOT_MATCH', field: 'passwordConfirmation' });

    expect(await signInStatus('weak@provider.test', STRONG_PASSWORD)).toBe(200);
    expect((await complete(token)).statusCode).toBe(200);
  });

  it('refuses a user who was disabled after the link was sent', async () => {
    const user = await createAdmin(portal, 'later@provider.test');
    await requestReset('later@provider.test');
    const token = await resetToken('later@provider.test');
    await portal.services.users.update(portal.connection.db, user.id, { status: 'disabled' });
    expect((await info(token)).json()).toMatchObject({ code: 'TOKEN_INVALID' });
    expect((await complete(token)).json()).toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('refuses a link issued for another purpose', async () => {
    const user = await createAdmin(portal, 'purpose@provider.test');
    const { token } = await portal.services.users.issueToken(
      portal.connection.db,
      'admin-invite',
      user.id,
      60 * MINUTE,
    );
    expect((await info(token)).json()).toMatchObject({ code: 'TOKEN_INVALID' });
    expect((await complete(token)).json()).toMatchObject({ code: 'TOKEN_INVALID' });
  });
});

describe('a customer user', () => {
  it('gets the mail in their language and resets the password like an admin', async () => {
    const created = await portal.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { cookie: await adminSession() },
      payload: {
        companyName: 'Acme Security GmbH',
        address: { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
        contactName: 'Erika Mustermann',
        contactEmail: 'erika@acme.test',
        locale: 'de',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const [invitation] = await queryRows<{ text: string }>(
      portal.connection.db,
      sql`select text from mails where to_address = 'erika@acme.test' and template = 'customer-invite'`,
    );
    const inviteToken = invitation?.text.match(/\/invitation\?token=([A-Za-z0-9_%-]+)/)?.[1] ?? '';
    const accepted = await portal.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: {
        token: decodeURIComponent(inviteToken),
        password: STRONG_PASSWORD,
        passwordConfirmation: STRONG_PASSWORD,
      },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const portalSession = sessionCookieOf(accepted);

    await requestReset('erika@acme.test');
    const [mail] = await resetMails('erika@acme.test');
    expect(mail?.subject).toBe('Passwort für das vMSP Portal zurücksetzen');
    expect((await complete(await resetToken('erika@acme.test'))).statusCode).toBe(200);
    expect((await session(portalSession)).statusCode).toBe(401);
    expect(await signInStatus('erika@acme.test', NEW_PASSWORD)).toBe(200);
  });
});

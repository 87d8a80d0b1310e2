import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAdmin,
  createTestPortal,
  STRONG_PASSWORD,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';

let portal: TestPortal;
const email = 'anna@provider.test';

beforeAll(async () => {
  portal = await createTestPortal({
    env: {
      SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT: '5',
      SIGN_IN_MAX_ATTEMPTS_PER_IP: '20',
      SESSION_IDLE_MINUTES: '30',
      SESSION_ABSOLUTE_HOURS: '12',
    },
  });
  await createAdmin(portal, email);
});
afterAll(() => portal.dispose());

const post = (payload: object, headers: Record<string, string> = {}, remoteAddress = '10.0.0.1') =>
  portal.app.inject({ method: 'POST', url: '/api/session', payload, headers, remoteAddress });

describe('sign-in', () => {
  it('signs in with the right password, case-insensitively, and the cookie is httpOnly and SameSite', async () => {
    const res = await post({ email: 'Anna@Provider.TEST', password: STRONG_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { email, role: 'admin' } });
    const cookie = res.cookies.find((c) => c.name === 'vmsp_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await portal.app.inject({
      method: 'GET',
      url: '/api/session',
      cookies: { vmsp_session: cookie!.value },
    });
    expect(me.json()).toMatchObject({ user: { email } });
  });

  it('answers a wrong password and an unknown e-mail the same way', async () => {
    const wrong = await post({ email, password: 'not the password at all' }, {}, '10.0.0.2');
    const unknown = await post(
      { email: 'nobody@provider.test', password: 'not the password at all' },
      {},
      '10.0.0.2',
    );
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({ code: 'INVALID_CREDENTIALS', message: expect.any(String) });
  });

  it('names the field of malformed input', async () => {
    const res = await post({ email: 'not-an-address', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'email' });
  });

  it('throttles an account after repeated failures with 429 and Retry-After, even for the right password', async () => {
    const victim = 'victim@provider.test';
    await createAdmin(portal, victim);
    for (let i = 0; i < 5; i++)
      expect((await post({ email: victim, password: `wrong-${i}` }, {}, `10.1.0.${i}`)).statusCode).toBe(401);
    const blocked = await post({ email: victim, password: STRONG_PASSWORD }, {}, '10.1.0.99');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    portal.clock.advance(16 * 60_000);
    expect((await post({ email: victim, password: STRONG_PASSWORD }, {}, '10.1.0.99')).statusCode).toBe(200);
  });

  it('throttles a client address after 20 rapid failures across accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push(
        (await post({ email: `guess${i}@provider.test`, password: 'guess' }, {}, '10.9.9.9')).statusCode,
      );
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('refuses a disabled user with a reason', async () => {
    const user = await createAdmin(portal, 'disabled@provider.test');
    await portal.services.users.update(portal.connection.db, user.id, { status: 'disabled' });
    const res = await post({ email: 'disabled@provider.test', password: STRONG_PASSWORD }, {}, '10.3.0.1');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'ACCOUNT_DISABLED' });
  });
});

describe('sessions', () => {
  it('sign-out ends the session', async () => {
    const cookie = await signIn(portal, email);
    const out = await portal.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(
      (await portal.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('expires after the idle time, and a session in use is kept alive until the absolute limit', async () => {
    const idle = await signIn(portal, email);
    portal.clock.advance(31 * 60_000);
    expect(
      (await portal.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: idle } })).statusCode,
    ).toBe(401);

    const busy = await signIn(portal, email);
    const get = () => portal.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: busy } });
    for (let quarter = 1; quarter < 48; quarter++) {
      portal.clock.advance(15 * 60_000);
      expect((await get()).statusCode).toBe(200);
    }
    portal.clock.advance(15 * 60_000); // 12 hours after sign-in, though used 15 minutes ago
    expect((await get()).statusCode).toBe(401);
  });

  it('ends every session of a user at once when revoked', async () => {
    const a = await signIn(portal, email);
    const b = await signIn(portal, email);
    const user = await portal.services.users.findByEmail(portal.connection.db, email);
    await portal.services.auth.revokeAll(portal.connection.db, user!.id);
    for (const cookie of [a, b])
      expect(
        (await portal.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode,
      ).toBe(401);
  });
});

describe('cross-origin requests', () => {
  it('refuses a state-changing request with a foreign Origin or cross-site fetch metadata, and changes nothing', async () => {
    const cookie = await signIn(portal, email);
    const foreign = await portal.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ code: 'CROSS_ORIGIN_REFUSED' });
    const crossSite = await portal.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.statusCode).toBe(403);
    expect(
      (await portal.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode,
    ).toBe(200);
  });

  it('accepts the portal own origin', async () => {
    const cookie = await signIn(portal, email);
    const res = await portal.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie, origin: 'http://portal.test', 'sec-fetch-site': 'same-origin' },
    });
    expect(res.statusCode).toBe(204);
  });
});

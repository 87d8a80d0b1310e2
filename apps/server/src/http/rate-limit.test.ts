import { sql } from 'drizzle-orm';
import Fastify, { type InjectOptions } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildPortal, type Portal } from '../app.ts';
import { type Connection, openDatabase, queryRows } from '../db/connection.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { createAdmin, createTestPortal, signIn, type TestPortal } from '../test/harness.ts';
import { addressKey, registerRateLimit } from './rate-limit.ts';

/**
 * Two portal instances on one database, as behind a load balancer, with low limits: 5 requests a minute per
 * signed-in user, 8 per anonymous client address. Every request comes from the same address unless a test
 * says otherwise (X-Forwarded-For, honoured with TRUST_PROXY=true).
 */
const SIGNED_IN_MAX = 5;
const ANONYMOUS_MAX = 8;
const WINDOW_MS = 60_000;

let a: TestPortal;
let b: Portal;
let connectionB: Connection | null = null;
let alice: string;
let bob: string;

beforeAll(async () => {
  a = await createTestPortal({
    env: {
      RATE_LIMIT_SIGNED_IN_MAX: String(SIGNED_IN_MAX),
      RATE_LIMIT_ANONYMOUS_MAX: String(ANONYMOUS_MAX),
      RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_MS / 1000),
      TRUST_PROXY: 'true',
    },
  });
  // PGlite is one connection in one process: the second instance shares it. On PostgreSQL it has its own pool.
  if (a.connection.kind === 'postgres') {
    connectionB = await openDatabase(a.config.database);
    await migrateDatabase(connectionB);
  }
  b = await buildPortal(a.config, { connection: connectionB ?? a.connection, clock: a.clock, logger: false });
  await createAdmin(a, 'alice@provider.test');
  await createAdmin(a, 'bob@provider.test');
  alice = await signIn(a, 'alice@provider.test');
  bob = await signIn(a, 'bob@provider.test');
});

afterAll(async () => {
  await b?.close();
  await connectionB?.close();
  await a?.dispose();
});

// Each test starts in a fresh window.
beforeEach(() => a.clock.advance(WINDOW_MS));

const get = (portal: Portal, options: Omit<InjectOptions, 'method'> = {}) =>
  portal.app.inject({ method: 'GET', url: '/api/session', ...options });
const asUser = (portal: Portal, cookie: string) => get(portal, { headers: { cookie } });
const fromAddress = (portal: Portal, address: string, headers: Record<string, string> = {}) =>
  get(portal, { headers: { 'x-forwarded-for': address, ...headers } });

async function statuses(n: number, send: () => Promise<{ statusCode: number }>): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < n; i++) result.push((await send()).statusCode);
  return result;
}

describe('rate limits', () => {
  it('counts each signed-in user on their own, also from one address', async () => {
    expect(await statuses(SIGNED_IN_MAX, () => asUser(a, alice))).toEqual(Array(SIGNED_IN_MAX).fill(200));
    expect((await asUser(a, alice)).statusCode).toBe(429);
    // Bob and anonymous visitors behind the same address are still served.
    expect(await statuses(SIGNED_IN_MAX, () => asUser(a, bob))).toEqual(Array(SIGNED_IN_MAX).fill(200));
    expect((await get(a)).statusCode).toBe(401);
  });

  it('answers 429 in the error shape with the seconds until the window ends', async () => {
    await statuses(SIGNED_IN_MAX, () => asUser(a, alice));
    a.clock.advance(20_000);
    const refused = await asUser(a, alice);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('40');
    expect(refused.json()).toEqual({
      code: 'RATE_LIMITED',
      message: 'Too many requests. Try again in 40 seconds.',
    });
  });

  it('counts anonymous requests per client address; a made-up session cookie changes nothing', async () => {
    const made = { cookie: 'vmsp_session=made-up' };
    expect(await statuses(ANONYMOUS_MAX - 1, () => fromAddress(a, '203.0.113.7'))).not.toContain(429);
    expect((await fromAddress(a, '203.0.113.7', made)).statusCode).toBe(401);
    expect((await fromAddress(a, '203.0.113.7', made)).statusCode).toBe(429);
    expect((await fromAddress(a, '203.0.113.7')).statusCode).toBe(429);
    expect((await fromAddress(a, '203.0.113.8')).statusCode).toBe(401);
    // Without a proxy header the socket's address counts.
    const direct = () => get(a, { remoteAddress: '198.51.100.20' });
    expect(await statuses(ANONYMOUS_MAX + 1, direct)).toEqual([...Array(ANONYMOUS_MAX).fill(401), 429]);
    expect((await get(a, { remoteAddress: '198.51.100.21' })).statusCode).toBe(401);
  });

  it('counts a request whose session is refused for its address', async () => {
    await createAdmin(a, 'carol@provider.test');
    const carol = await signIn(a, 'carol@provider.test');
    await a.connection.db.execute(
      sql`update users set status = 'disabled' where email = 'carol@provider.test'`,
    );
    // The session still exists when the request is counted (beside the session lookup); the auth hook refuses
    // and ends it, and the request then counts for its address like any anonymous one.
    expect((await fromAddress(a, '203.0.113.30', { cookie: carol })).statusCode).toBe(401);
    expect(await statuses(ANONYMOUS_MAX, () => fromAddress(a, '203.0.113.30'))).toEqual([
      ...Array(ANONYMOUS_MAX - 1).fill(401),
      429,
    ]);
  });

  it('counts one IPv6 client network (/64) as one address', async () => {
    for (let i = 1; i <= ANONYMOUS_MAX; i++) await fromAddress(a, `2001:db8:7:1::${i.toString(16)}`);
    expect((await fromAddress(a, '2001:db8:7:1:ffff::1')).statusCode).toBe(429);
    expect((await fromAddress(a, '2001:db8:7:2::1')).statusCode).toBe(401);
  });

  it('counts the requests of both instances together', async () => {
    expect(await statuses(3, () => asUser(a, alice))).toEqual([200, 200, 200]);
    expect(await statuses(2, () => asUser(b, alice))).toEqual([200, 200]);
    expect((await asUser(a, alice)).statusCode).toBe(429);
    expect((await asUser(b, alice)).statusCode).toBe(429);

    await statuses(ANONYMOUS_MAX / 2, () => fromAddress(a, '203.0.113.30'));
    await statuses(ANONYMOUS_MAX / 2, () => fromAddress(b, '203.0.113.30'));
    expect((await fromAddress(a, '203.0.113.30')).statusCode).toBe(429);
    expect((await fromAddress(b, '203.0.113.30')).statusCode).toBe(429);
  });

  it('serves again in the next window', async () => {
    await statuses(SIGNED_IN_MAX + 2, () => asUser(a, alice));
    await statuses(ANONYMOUS_MAX + 2, () => fromAddress(b, '203.0.113.40'));
    a.clock.advance(WINDOW_MS - 1);
    expect((await asUser(a, alice)).statusCode).toBe(429);
    expect((await fromAddress(b, '203.0.113.40')).statusCode).toBe(429);
    a.clock.advance(1);
    expect(await statuses(SIGNED_IN_MAX, () => asUser(b, alice))).toEqual(Array(SIGNED_IN_MAX).fill(200));
    expect((await fromAddress(a, '203.0.113.40')).statusCode).toBe(401);
  });

  it('leaves requests outside /api alone', async () => {
    await statuses(ANONYMOUS_MAX + 1, () => fromAddress(a, '203.0.113.50'));
    const health = await a.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-forwarded-for': '203.0.113.50' },
    });
    expect(health.statusCode).toBe(200);
  });

  it("leaves Stripe's signed webhook alone", async () => {
    await statuses(ANONYMOUS_MAX + 1, () => fromAddress(a, '203.0.113.55'));
    const webhook = await a.app.inject({
      method: 'POST',
      url: '/api/stripe/webhook',
      headers: { 'x-forwarded-for': '203.0.113.55', 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(webhook.statusCode).not.toBe(429);
    expect(webhook.statusCode).toBeLessThan(500);
  });

  it("keeps a route's own stricter limit, shared by the instances", async () => {
    // POST /api/password-reset allows 5 requests per client in 15 minutes.
    const reset = (portal: Portal) =>
      portal.app.inject({
        method: 'POST',
        url: '/api/password-reset',
        payload: { email: 'nobody@provider.test' },
        headers: { 'x-forwarded-for': '203.0.113.60' },
      });
    expect(await statuses(3, () => reset(a))).toEqual([202, 202, 202]);
    expect(await statuses(3, () => reset(b))).toEqual([202, 202, 429]);
    a.clock.advance(WINDOW_MS); // the general window ends, the route's goes on
    expect((await reset(a)).statusCode).toBe(429);
    expect((await fromAddress(a, '203.0.113.60')).statusCode).toBe(401);
  });

  it('deletes ended windows', async () => {
    await asUser(a, alice);
    await fromAddress(a, '203.0.113.70');
    a.clock.advance(WINDOW_MS);
    await fromAddress(a, '203.0.113.71');
    const keys = await queryRows<{ key: string; reset_at: Date }>(
      a.connection.db,
      sql`select key, reset_at from request_counts where reset_at <= ${a.clock.now().toISOString()}::timestamptz`,
    );
    // Only the route's 15-minute window from the test before may still run; nothing that has ended remains.
    expect(keys).toEqual([]);
    const live = await queryRows<{ key: string }>(
      a.connection.db,
      sql`select key from request_counts order by key`,
    );
    expect(live.map((r) => r.key)).toEqual(expect.arrayContaining(['address:203.0.113.71']));
    expect(live.map((r) => r.key)).not.toContain('address:203.0.113.70');
  });
});

describe("a route's own limit", () => {
  it('stops the start when its window cannot be read', async () => {
    const app = Fastify();
    app.decorateRequest('principal', null);
    registerRateLimit(app, {
      connection: a.connection,
      clock: a.clock,
      limits: { signedInMax: 1, anonymousMax: 1, windowSeconds: 60 },
    });
    expect(() =>
      app.post('/api/x', { config: { rateLimit: { max: 1, timeWindow: 'a while' } } }, async () => ({})),
    ).toThrow(/a while/);
    await app.close();
  });
});

describe('addressKey', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['2001:db8:1:2:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:0:0:0:5', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::203.0.113.9', '64:ff9b:0:0::/64'],
  ])('%s counts as %s', (ip, key) => {
    expect(addressKey(ip)).toBe(key);
  });
});

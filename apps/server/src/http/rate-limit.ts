import { eq, lte, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Connection, Executor } from '../db/connection.ts';
import { customers, requestCounts, sessions, users } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { hashToken } from '../lib/tokens.ts';
import type { SessionWithUser } from '../modules/auth/sessions.repository.ts';
import { SESSION_COOKIE } from './auth.ts';

/**
 * Stripe authenticates its webhook by signature and retries a refused delivery for days; counting it as
 * anonymous traffic would let a month end's burst of events fill its few addresses' buckets.
 */
const UNLIMITED = new Set(['/api/stripe/webhook']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A route's own, stricter limit on top of the general one, e.g. `{ max: 5, timeWindow: '15 minutes' }`:
     * for routes that send mail, counted per user or client address like the general limit.
     */
    rateLimit?: { max: number; timeWindow: string };
  }
  interface FastifyRequest {
    /**
     * The request's session with its user, read by the statement that counts the request, for the auth hook:
     * null without a session cookie or outside the limited routes (the auth hook then reads it itself).
     */
    countedSession: Promise<SessionWithUser | undefined> | null;
  }
}

/**
 * Limits API requests per fixed window: a signed-in request counts for its user (all their sessions together),
 * an anonymous one for its client address. The counters live in the database, so every instance behind a load
 * balancer counts the same requests, at the cost of one upsert per request. Requests outside /api (the web app's
 * files, health checks) are not limited. Registered after the cookie parser and before the auth hook: the
 * statement that counts a request also reads its session for the auth hook, and the hit is judged once the
 * principal is known.
 */
export function registerRateLimit(
  app: FastifyInstance,
  deps: { connection: Connection; clock: Clock; limits: Config['rateLimit'] },
): void {
  const windowMs = deps.limits.windowSeconds * 1000;
  const countAndLookUp = countingSessionLookup(deps.connection.db);
  const hit = async (key: string, now: Date, resetAt: Date) =>
    (await countAndLookUp(key, null, now, resetAt)).bucket;
  let nextCleanupAt = 0;
  const pending = new WeakMap<FastifyRequest, Promise<Counted>>();
  // A route whose own limit cannot be read stops the start instead of going unlimited.
  app.addHook('onRoute', (route) => {
    if (route.config?.rateLimit) windowOf(route.config.rateLimit.timeWindow);
  });

  app.decorateRequest('countedSession', null);
  // Counting starts as soon as the session cookie is read, and the same statement reads the session with its
  // user for the auth hook: one round trip per request for both. The hit is only judged once the principal is
  // known.
  app.addHook('onRequest', (request, _reply, done) => {
    if (!request.url.startsWith('/api/') || UNLIMITED.has(request.url.split('?', 1)[0] ?? '')) return done();
    const now = deps.clock.now();
    const token = request.cookies?.[SESSION_COOKIE];
    const anonymous = address(request.ip);
    const counted = (async () => {
      if (now.getTime() >= nextCleanupAt) {
        // Ended windows are dead rows: each instance deletes them at most once a window, so the table only
        // holds the users and addresses seen lately.
        nextCleanupAt = now.getTime() + windowMs;
        await deps.connection.db
          .delete(requestCounts)
          .where(lte(requestCounts.resetAt, now))
          .catch((err: unknown) => request.log.warn({ err }, 'could not delete ended rate-limit windows'));
      }
      return countAndLookUp(
        anonymous,
        token ? hashToken(token) : null,
        now,
        new Date(now.getTime() + windowMs),
      );
    })();
    // Settled into a value: a request that ends before its limit is judged (refused by an earlier hook)
    // leaves no rejected promise behind.
    pending.set(
      request,
      counted.then(
        ({ bucket }) => ({ bucket, now }),
        (error: unknown) => ({ error, now }),
      ),
    );
    if (token) {
      request.countedSession = counted.then(({ found }) => found);
      // The auth hook awaits it and answers a failure; should the request end before, nobody hears it.
      request.countedSession.catch(() => {});
    }
    done();
  });

  // Judged after every onRequest hook, so after the auth hook has resolved the principal, and before the body
  // is read.
  app.addHook('preParsing', async (request) => {
    const counting = pending.get(request);
    if (!counting) return;
    pending.delete(request);
    const result = await counting;
    if ('error' in result) throw result.error;
    const { now } = result;
    let bucket = result.bucket;
    const subject = request.principal ? `user:${request.principal.id}` : address(request.ip);
    if (bucket?.key !== subject) {
      // The session ended or was refused after it was counted for its user (or began meanwhile): count the
      // request where it belongs, as anonymous traffic counts.
      bucket = await hit(subject, now, new Date(now.getTime() + windowMs));
    }
    judge(bucket, request.principal ? deps.limits.signedInMax : deps.limits.anonymousMax, now);
    const own = request.routeOptions.config.rateLimit;
    if (own) {
      const route = `${request.method} ${request.routeOptions.url}`;
      const ms = windowOf(own.timeWindow);
      judge(await hit(`route:${route}:${subject}`, now, new Date(now.getTime() + ms)), own.max, now);
    }
  });
}

const address = (ip: string) => `address:${addressKey(ip)}`;

type Bucket = { key: string; count: number; resetAt: Date };
type Counted = { bucket: Bucket | undefined; now: Date } | { error: unknown; now: Date };

/** Refuses a request whose bucket went over its maximum, saying when the window ends. */
function judge(bucket: Bucket | undefined, max: number, now: Date): void {
  if (bucket && bucket.count > max) {
    const retryAfter = Math.max(1, Math.ceil((bucket.resetAt.getTime() - now.getTime()) / 1000));
    throw new AppError('RATE_LIMITED', 429, `Too many requests. Try again in ${retryAfter} seconds.`, {
      headers: { 'retry-after': String(retryAfter) },
    });
  }
}

/** '15 minutes' → milliseconds: the route option's form, kept from the limiter it replaced. */
function windowOf(timeWindow: string): number {
  const match = /^(\d+) (second|minute|hour)s?$/.exec(timeWindow);
  if (!match) throw new Error(`rate limit window "${timeWindow}" is not like "15 minutes"`);
  const unit = { second: 1000, minute: 60_000, hour: 3_600_000 }[match[2] as 'second' | 'minute' | 'hour'];
  return Number(match[1]) * unit;
}

/**
 * The client address an anonymous bucket belongs to. IPv6 counts per /64, the smallest network a provider
 * hands out: per single address, one client could pick a fresh one for every request.
 */
export function addressKey(ip: string): string {
  const bare = ip.split('%', 1)[0] ?? ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1]) return mapped[1];
  if (!bare.includes(':')) return bare;
  const [head = '', tail] = bare.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  // An embedded IPv4 at the end stands for two groups.
  const tailLength = tailGroups.length + (tailGroups.at(-1)?.includes('.') ? 1 : 0);
  const groups =
    tail === undefined
      ? headGroups
      : [
          ...headGroups,
          ...Array<string>(Math.max(0, 8 - headGroups.length - tailLength)).fill('0'),
          ...tailGroups,
        ];
  const prefix = groups.slice(0, 4).map((g) => (Number.parseInt(g, 16) || 0).toString(16));
  return `${prefix.join(':')}::/64`;
}

/**
 * One hit of one bucket and the request's session, in one statement and so one round trip: the work every
 * signed-in request starts with. The first hit, or a hit after the window ended, starts a new window at 1; any
 * other hit adds one. With a session's token hash, the hit counts for the session's user when the session
 * exists, else for the given key (the client address); the statement answers which bucket it counted and the
 * session with its user, as the auth service judges it. A named prepared statement: on PostgreSQL parsed and
 * planned once per connection.
 */
function countingSessionLookup(executor: Executor) {
  const tokenHash = sql.placeholder('tokenHash');
  const key = sql`${sql.placeholder('key')}::text`;
  const now = sql`${sql.placeholder('now')}::timestamptz`;
  const resetAt = sql`${sql.placeholder('resetAt')}::timestamptz`;
  const counted = executor
    .$with('counted', { key: requestCounts.key, count: requestCounts.count, resetAt: requestCounts.resetAt })
    .as(
      sql`insert into request_counts (key, count, reset_at)
        select coalesce((select 'user:' || user_id from sessions where token_hash = ${tokenHash}::text), ${key}),
          1, ${resetAt}
        on conflict (key) do update set
          count = case when request_counts.reset_at > ${now} then request_counts.count + 1 else 1 end,
          reset_at = case when request_counts.reset_at > ${now} then request_counts.reset_at else excluded.reset_at end
        returning key, count, reset_at`,
    );
  const statement = executor
    .with(counted)
    .select({
      key: counted.key,
      count: counted.count,
      resetAt: counted.resetAt,
      session: sessions,
      user: users,
      customer: { locked: customers.locked, status: customers.status },
    })
    .from(counted)
    .leftJoin(sessions, eq(sessions.tokenHash, tokenHash))
    .leftJoin(users, eq(users.id, sessions.userId))
    .leftJoin(customers, eq(customers.id, users.customerId))
    .prepare('request_count_and_session');
  return async (
    bucketKey: string,
    hash: string | null,
    at: Date,
    windowEnd: Date,
  ): Promise<{ bucket: Bucket | undefined; found: SessionWithUser | undefined }> => {
    const [row] = await statement.execute({
      key: bucketKey,
      tokenHash: hash,
      now: at.toISOString(),
      resetAt: windowEnd.toISOString(),
    });
    if (!row) return { bucket: undefined, found: undefined };
    const { session, user, customer, ...bucket } = row;
    return { bucket, found: session && user ? { session, user, customer } : undefined };
  };
}

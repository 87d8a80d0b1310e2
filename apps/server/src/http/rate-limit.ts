import { lte } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Connection } from '../db/connection.ts';
import { requestCounts } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { hashToken } from '../lib/tokens.ts';
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
}

/**
 * Limits API requests per fixed window: a signed-in request counts for its user (all their sessions together),
 * an anonymous one for its client address. The counters live in the database, so every instance behind a load
 * balancer counts the same requests, at the cost of one upsert per request. Requests outside /api (the web app's
 * files, health checks) are not limited. Registered after the cookie parser and before the auth hook: it counts
 * beside the session lookup and judges once the principal is known.
 */
export function registerRateLimit(
  app: FastifyInstance,
  deps: { connection: Connection; clock: Clock; limits: Config['rateLimit'] },
): void {
  const windowMs = deps.limits.windowSeconds * 1000;
  const hit = hitStatement(deps.connection);
  let nextCleanupAt = 0;
  const pending = new WeakMap<FastifyRequest, Promise<Counted>>();
  // A route whose own limit cannot be read stops the start instead of going unlimited.
  app.addHook('onRoute', (route) => {
    if (route.config?.rateLimit) windowOf(route.config.rateLimit.timeWindow);
  });

  // Counting starts as soon as the session cookie is read, beside the auth hook's session lookup instead of
  // after it: on PostgreSQL the two statements run at once on two connections, a round trip less per request.
  // The statement finds the session's user itself; the hit is only judged once the principal is known.
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
      return hit(anonymous, token ? hashToken(token) : null, now, new Date(now.getTime() + windowMs));
    })();
    // Settled into a value: a request that ends before its limit is judged (refused by an earlier hook)
    // leaves no rejected promise behind.
    pending.set(
      request,
      counted.then(
        (bucket) => ({ bucket, now }),
        (error: unknown) => ({ error, now }),
      ),
    );
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
      bucket = await hit(subject, null, now, new Date(now.getTime() + windowMs));
    }
    judge(bucket, request.principal ? deps.limits.signedInMax : deps.limits.anonymousMax, now);
    const own = request.routeOptions.config.rateLimit;
    if (own) {
      const route = `${request.method} ${request.routeOptions.url}`;
      const ms = windowOf(own.timeWindow);
      judge(await hit(`route:${route}:${subject}`, null, now, new Date(now.getTime() + ms)), own.max, now);
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
 * One window of one bucket, counted in one statement: the first hit, or a hit after the window ended,
 * starts a new window at 1; any other hit adds one. With a session's token hash, the bucket is its user's when
 * the session exists, else the given key's (the client address); the statement answers which one it counted.
 * It runs on every API request, so it goes to the driver directly: on PostgreSQL as a named statement, parsed
 * and planned once per connection; on PGlite without the per-query result parsers of the ORM, which double the
 * cost of a statement there (measured: 2.3 → 1.1 ms).
 */
function hitStatement(connection: Connection) {
  const text = `insert into request_counts (key, count, reset_at)
    select coalesce((select 'user:' || user_id from sessions where token_hash = $4::text), $1::text), 1, $3::timestamptz
    on conflict (key) do update set
      count = case when request_counts.reset_at > $2::timestamptz then request_counts.count + 1 else 1 end,
      reset_at = case when request_counts.reset_at > $2::timestamptz then request_counts.reset_at else excluded.reset_at end
    returning key, count, reset_at as "resetAt"`;
  return async (
    key: string,
    tokenHash: string | null,
    now: Date,
    resetAt: Date,
  ): Promise<Bucket | undefined> => {
    const values = [key, now.toISOString(), resetAt.toISOString(), tokenHash];
    const result =
      connection.kind === 'pglite'
        ? await connection.pglite.query<Bucket>(text, values)
        : await connection.pool.query<Bucket>({ name: 'request_counts_hit_session', text, values });
    return result.rows[0];
  };
}

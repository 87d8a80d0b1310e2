import { lte } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Connection } from '../db/connection.ts';
import { requestCounts } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError } from './errors.ts';

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
 * files, health checks) are not limited. Registered after the auth hook, whose principal it keys by.
 */
export function registerRateLimit(
  app: FastifyInstance,
  deps: { connection: Connection; clock: Clock; limits: Config['rateLimit'] },
): void {
  const windowMs = deps.limits.windowSeconds * 1000;
  const hit = hitStatement(deps.connection);
  let nextCleanupAt = 0;
  // A route whose own limit cannot be read stops the start instead of going unlimited.
  app.addHook('onRoute', (route) => {
    if (route.config?.rateLimit) windowOf(route.config.rateLimit.timeWindow);
  });

  const count = async (key: string, max: number, ms: number, now: Date) => {
    const bucket = await hit(key, now, new Date(now.getTime() + ms));
    if (bucket && bucket.count > max) {
      const retryAfter = Math.max(1, Math.ceil((bucket.resetAt.getTime() - now.getTime()) / 1000));
      throw new AppError('RATE_LIMITED', 429, `Too many requests. Try again in ${retryAfter} seconds.`, {
        headers: { 'retry-after': String(retryAfter) },
      });
    }
  };

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || UNLIMITED.has(request.url.split('?', 1)[0] ?? '')) return;
    const now = deps.clock.now();
    if (now.getTime() >= nextCleanupAt) {
      // Ended windows are dead rows: each instance deletes them at most once a window, so the table only
      // holds the users and addresses seen lately.
      nextCleanupAt = now.getTime() + windowMs;
      await deps.connection.db
        .delete(requestCounts)
        .where(lte(requestCounts.resetAt, now))
        .catch((err: unknown) => request.log.warn({ err }, 'could not delete ended rate-limit windows'));
    }
    const subject = request.principal ? `user:${request.principal.id}` : `address:${addressKey(request.ip)}`;
    const max = request.principal ? deps.limits.signedInMax : deps.limits.anonymousMax;
    await count(subject, max, windowMs, now);
    const own = request.routeOptions.config.rateLimit;
    if (own) {
      const route = `${request.method} ${request.routeOptions.url}`;
      await count(`route:${route}:${subject}`, own.max, windowOf(own.timeWindow), now);
    }
  });
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
 * starts a new window at 1; any other hit adds one. It runs on every API request, so it goes to the driver
 * directly: on PostgreSQL as a named statement, parsed and planned once per connection; on PGlite without the
 * per-query result parsers of the ORM, which double the cost of a statement there (measured: 2.3 → 1.1 ms).
 */
function hitStatement(connection: Connection) {
  const text = `insert into request_counts (key, count, reset_at) values ($1, 1, $3::timestamptz)
    on conflict (key) do update set
      count = case when request_counts.reset_at > $2::timestamptz then request_counts.count + 1 else 1 end,
      reset_at = case when request_counts.reset_at > $2::timestamptz then request_counts.reset_at else excluded.reset_at end
    returning count, reset_at as "resetAt"`;
  type Bucket = { count: number; resetAt: Date };
  return async (key: string, now: Date, resetAt: Date): Promise<Bucket | undefined> => {
    const values = [key, now.toISOString(), resetAt.toISOString()];
    const result =
      connection.kind === 'pglite'
        ? await connection.pglite.query<Bucket>(text, values)
        : await connection.pool.query<Bucket>({ name: 'request_counts_hit', text, values });
    return result.rows[0];
  };
}

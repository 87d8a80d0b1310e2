import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Every setting is validated here; a wrong value stops the start with a
 * message that names the variable and the rule.
 */
const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url({ message: 'must be an absolute http(s) URL' }).optional(),
  APP_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 48`)')
    .optional(),
  BILLING_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')
    .default('Europe/Berlin'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: positiveInt(30),
  SESSION_ABSOLUTE_HOURS: positiveInt(12),
  SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT: positiveInt(10),
  SIGN_IN_MAX_ATTEMPTS_PER_IP: positiveInt(20),
  SIGN_IN_WINDOW_MINUTES: positiveInt(15),
  RATE_LIMIT_SIGNED_IN_MAX: positiveInt(1200),
  RATE_LIMIT_ANONYMOUS_MAX: positiveInt(300),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(60),
  INVITATION_TTL_DAYS: positiveInt(7),
  DELETION_GRACE_SECONDS: positiveInt(1800),
  MAIL_RETRY_LIMIT: z.coerce.number().int().min(0).default(10),
  MAIL_RETRY_DELAY_SECONDS: positiveInt(10),
  WEB_DIST_DIR: z.string().optional(),
  STRIPE_API_BASE: z.url({ message: 'must be an absolute http(s) URL' }).optional(),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  WORKERS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type Env = Record<string, string | undefined>;

export interface Config {
  port: number;
  host: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  dataDir: string;
  publicUrl: string;
  appSecret: string;
  billingTimeZone: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  session: { idleMinutes: number; absoluteHours: number };
  signIn: { maxPerAccount: number; maxPerIp: number; windowMinutes: number };
  /** API requests allowed per window: per signed-in user, and per client address for anonymous requests. */
  rateLimit: { signedInMax: number; anonymousMax: number; windowSeconds: number };
  mail: { retryLimit: number; retryDelaySeconds: number };
  /** How long an invitation link to a customer's contact stays valid. */
  invitationTtlDays: number;
  /** How long a customer marked for deletion waits for its purge; an admin can undo it meanwhile. */
  deletionGraceSeconds: number;
  webDistDir: string;
  /** Behind a load balancer: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** Whether this instance works on background jobs (every instance may; pg-boss hands each job to one). */
  workers: boolean;
  /** Where the Stripe API is; unset means Stripe itself. Tests point it at a local fake. */
  stripeApiBase: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Env = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const database = e.DATABASE_URL
    ? ({ kind: 'postgres', url: e.DATABASE_URL } as const)
    : ({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') } as const);
  if (!e.APP_SECRET && database.kind === 'postgres') {
    throw new ConfigError(
      'Invalid configuration:\n  APP_SECRET: is required with DATABASE_URL, and every instance must share it (e.g. `openssl rand -base64 48`)',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database,
    dataDir,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    appSecret: e.APP_SECRET ?? embeddedAppSecret(dataDir),
    billingTimeZone: e.BILLING_TIME_ZONE,
    logLevel: e.LOG_LEVEL,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    signIn: {
      maxPerAccount: e.SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT,
      maxPerIp: e.SIGN_IN_MAX_ATTEMPTS_PER_IP,
      windowMinutes: e.SIGN_IN_WINDOW_MINUTES,
    },
    rateLimit: {
      signedInMax: e.RATE_LIMIT_SIGNED_IN_MAX,
      anonymousMax: e.RATE_LIMIT_ANONYMOUS_MAX,
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
    },
    mail: { retryLimit: e.MAIL_RETRY_LIMIT, retryDelaySeconds: e.MAIL_RETRY_DELAY_SECONDS },
    invitationTtlDays: e.INVITATION_TTL_DAYS,
    deletionGraceSeconds: e.DELETION_GRACE_SECONDS,
    webDistDir: path.resolve(e.WEB_DIST_DIR ?? path.join(import.meta.dirname, '../../web/dist')),
    trustProxy: e.TRUST_PROXY,
    workers: e.WORKERS,
    stripeApiBase: e.STRIPE_API_BASE,
  };
}

/**
 * In embedded mode the secret that encrypts stored passwords is generated on the first start and kept
 * beside the database, readable only by the portal's user. Losing it makes stored secrets unreadable.
 */
function embeddedAppSecret(dataDir: string): string {
  const file = path.join(dataDir, 'app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}

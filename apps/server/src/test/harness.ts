import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildPortal, type Portal, type PortalOptions } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import { type Connection, openDatabase } from '../db/connection.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { ManualClock } from '../lib/clock.ts';
import { hashPassword } from '../lib/passwords.ts';

/**
 * Integration tests run against a fresh database of their own: an in-memory PGlite by default, or a new
 * database on the PostgreSQL server at TEST_DATABASE_URL (created here and dropped afterwards).
 */
export async function createTestDatabase(): Promise<{ target: Config['database']; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return { target: { kind: 'pglite', dataDir: 'memory://' }, drop: async () => {} };
  const name = `vmsp_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString() },
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const TEST_SECRET = 'test-app-secret-that-is-long-enough-0123456789';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    APP_SECRET: TEST_SECRET,
    PUBLIC_URL: 'http://portal.test',
    LOG_LEVEL: 'silent',
    WEB_DIST_DIR: '/nonexistent',
    ...env,
  });
}

export interface TestPortal extends Portal {
  clock: ManualClock;
  config: Config;
  connection: Connection;
  /** Ends the portal and drops its database. */
  dispose(): Promise<void>;
}

export async function createTestPortal(
  options: { env?: Record<string, string>; jobs?: boolean; clock?: ManualClock } & Partial<
    Pick<PortalOptions, 'bossClock'>
  > = {},
): Promise<TestPortal> {
  const database = await createTestDatabase();
  const config = { ...testConfig(options.env), database: database.target };
  const connection = await openDatabase(database.target);
  await migrateDatabase(connection);
  const clock = options.clock ?? new ManualClock();
  const portal = await buildPortal(config, {
    connection,
    clock,
    logger: false,
    ...(options.bossClock ? { bossClock: options.bossClock } : {}),
  });
  // The queue always runs (services enqueue jobs); workers only when the test wants jobs worked off.
  await portal.startJobs({ pollingIntervalSeconds: 0.5, work: options.jobs ?? false });
  return {
    ...portal,
    clock,
    config,
    connection,
    async dispose() {
      await portal.close();
      await connection.close();
      await database.drop();
    },
  };
}

export const STRONG_PASSWORD = 'violet tractor sings under 42 lanterns';

/** Creates an active admin directly in the database (fast; no setup link). */
export async function createAdmin(
  portal: TestPortal,
  email = 'admin@provider.test',
  password = STRONG_PASSWORD,
) {
  return portal.services.users.create(portal.connection.db, {
    email,
    role: 'admin',
    status: 'active',
    passwordHash: await hashPassword(password),
  });
}

/** Signs in through the API and returns the session cookie to send with later requests. */
export async function signIn(portal: Portal, email: string, password = STRONG_PASSWORD): Promise<string> {
  const res = await portal.app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return sessionCookieOf(res);
}

export function sessionCookieOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'vmsp_session');
  if (!cookie) throw new Error('no session cookie');
  return `vmsp_session=${cookie.value}`;
}

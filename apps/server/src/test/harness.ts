import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildPortal, type Portal, type PortalOptions } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import { type Connection, openDatabase, queryRows } from '../db/connection.ts';
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

/** Which mail's link: of a template (e.g. `customer-invite`), to a page (e.g. `invitation`). */
export interface MailedLink {
  template?: string;
  page?: string;
}

/**
 * The link token (invitation, setup or reset) of the newest mail to `to`, as its reader would click it; of
 * `template` only, and in a link to `page` only, where given.
 */
export async function mailedToken(
  portal: Pick<TestPortal, 'connection'>,
  to: string,
  link: MailedLink = {},
): Promise<string> {
  const [mail] = await queryRows<{ text: string }>(
    portal.connection.db,
    sql`select text from mails where to_address = ${to}
        ${link.template ? sql`and template = ${link.template}` : sql``}
        order by created_at desc, id desc limit 1`,
  );
  const prefix = link.page ? `http://portal\\.test/${link.page}\\?` : '';
  const match = mail?.text.match(new RegExp(`${prefix}token=([A-Za-z0-9_%-]+)`));
  if (!match?.[1]) throw new Error(`no ${link.template ?? ''} mail with a link to ${to}`);
  return decodeURIComponent(match[1]);
}

export interface InvitedCustomerInput {
  companyName: string;
  contactEmail: string;
  contactName?: string;
  serviceMode?: 'managed' | 'self-service';
  address?: { street: string; postalCode: string; city: string; country: string };
}

/** Creates a customer as an admin (session cookie `admin`) through the API, which mails its invitation: its id. */
export async function createCustomer(
  portal: TestPortal,
  admin: string,
  customer: InvitedCustomerInput,
): Promise<string> {
  const created = await portal.app.inject({
    method: 'POST',
    url: '/api/customers',
    headers: { cookie: admin },
    payload: {
      companyName: customer.companyName,
      address: customer.address ?? {
        street: 'Hauptstraße 1',
        postalCode: '10115',
        city: 'Berlin',
        country: 'DE',
      },
      contactName: customer.contactName ?? 'Erika Mustermann',
      contactEmail: customer.contactEmail,
      serviceMode: customer.serviceMode ?? 'managed',
    },
  });
  if (created.statusCode !== 201)
    throw new Error(`customer not created: ${created.statusCode} ${created.body}`);
  return created.json().id;
}

/**
 * Accepts the invitation mailed to `email` (the newest mail, or the newest `link`) with STRONG_PASSWORD: the new
 * user's session cookie.
 */
export async function acceptInvitation(
  portal: TestPortal,
  email: string,
  link?: MailedLink,
): Promise<string> {
  const token = await mailedToken(portal, email, link);
  const accepted = await portal.app.inject({
    method: 'POST',
    url: '/api/invitations/accept',
    payload: { token, password: STRONG_PASSWORD, passwordConfirmation: STRONG_PASSWORD },
  });
  if (accepted.statusCode !== 200) {
    throw new Error(`invitation not accepted: ${accepted.statusCode} ${accepted.body}`);
  }
  return sessionCookieOf(accepted);
}

/**
 * A customer an admin created whose main user accepted the mailed invitation: the customer's id and the main
 * user's session cookie. Needs a mail transport set (Settings → Mail), so that the invitation is written.
 */
export async function invitedCustomer(
  portal: TestPortal,
  admin: string,
  customer: InvitedCustomerInput,
): Promise<{ id: string; cookie: string }> {
  const id = await createCustomer(portal, admin, customer);
  return { id, cookie: await acceptInvitation(portal, customer.contactEmail) };
}

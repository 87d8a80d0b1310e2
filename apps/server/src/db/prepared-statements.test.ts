import { CustomerListQuery } from '@vmsp/contracts';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSessionWithUser, insertSession } from '../modules/auth/sessions.repository.ts';
import { listCustomers } from '../modules/customers/customers.repository.ts';
import { seedCustomers } from '../seed.ts';
import { createTestPortal, type TestPortal } from '../test/harness.ts';
import type { Database } from './connection.ts';
import { queryRows } from './connection.ts';
import * as schema from './schema.ts';

let portal: TestPortal;
type Row = { id: string; status: string; service_mode: string; payment_method: string; created_at: Date };
let everyone: Row[];

beforeAll(async () => {
  portal = await createTestPortal();
  await seedCustomers(portal, portal.connection.db, portal.clock, 80, () => {});
  everyone = await queryRows<Row>(
    portal.connection.db,
    sql`select id, status, service_mode, payment_method, created_at from customers`,
  );
});
afterAll(() => portal.dispose());

/** The list as the endpoint asks for it, from the endpoint's own query string. */
function list(db: Database, search: string) {
  const q = CustomerListQuery.parse(Object.fromEntries(new URLSearchParams(search)));
  return listCustomers(
    db,
    q,
    { sort: q.sort, dir: q.dir },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
}

/** Ids of the customers a facet filter selects, newest first (the seed gives each its own creation time). */
function expected(filter: Partial<Record<'status' | 'service_mode' | 'payment_method', string[]>>): string[] {
  return everyone
    .filter((c) =>
      Object.entries(filter).every(([facet, values]) => values.includes(c[facet as keyof typeof filter])),
    )
    .sort((a, b) => new Date(b.created_at).getTime() - new Date(a.created_at).getTime())
    .map((c) => c.id);
}

describe('the list in fixed shapes', () => {
  it('binds each request’s own values into the same statement, page by page', async () => {
    const db = portal.connection.db;
    const cases: [string, Parameters<typeof expected>[0]][] = [
      ['', {}],
      ['status=active', { status: ['active'] }],
      ['status=invited', { status: ['invited'] }],
      ['status=inactive&serviceMode=managed', { status: ['inactive'], service_mode: ['managed'] }],
      ['status=active&serviceMode=self-service', { status: ['active'], service_mode: ['self-service'] }],
      [
        'status=active&serviceMode=managed&paymentMethod=invoice',
        { status: ['active'], service_mode: ['managed'], payment_method: ['invoice'] },
      ],
      ['paymentMethod=free', { payment_method: ['free'] }],
      // Several values of one facet: a shape of its own, not prepared.
      ['status=invited,locked', { status: ['invited', 'locked'] }],
    ];
    for (const [search, filter] of cases) {
      const ids = expected(filter);
      const pages: string[] = [];
      for (let page = 1; page <= Math.ceil(ids.length / 7) + 1; page++) {
        const result = await list(db, `${search}&sort=createdAt&dir=desc&pageSize=7&page=${page}`);
        expect(result.total, search).toBe(ids.length);
        pages.push(...result.rows.map((r) => r.id));
      }
      expect(pages, search).toEqual(ids);
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('on a PostgreSQL server', () => {
  it('runs the session lookup and the list as named statements, and the lookup on one plan', async () => {
    if (portal.connection.kind !== 'postgres') throw new Error('PostgreSQL expected');
    // One connection, so that the statements it prepared can be read back from it.
    const pool = new pg.Pool({ connectionString: portal.connection.url, max: 1 });
    const db = drizzle(pool, { schema }) as unknown as Database;
    try {
      const [user] = await queryRows<{ id: string }>(db, sql`select id from users limit 1`);
      const now = portal.clock.now();
      await insertSession(db, {
        tokenHash: 'prepared-lookup',
        userId: user?.id ?? '',
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + 3_600_000),
      });
      for (let i = 0; i < 10; i++) {
        expect((await findSessionWithUser(db, 'prepared-lookup'))?.user.id).toBe(user?.id);
      }
      expect(await findSessionWithUser(db, 'unknown')).toBeUndefined();
      await list(db, 'status=active&page=2&pageSize=5');
      await list(db, 'status=invited&page=1&pageSize=5');

      const statements = await queryRows<{ name: string; generic_plans: number; custom_plans: number }>(
        db,
        sql`select name, generic_plans::int, custom_plans::int from pg_prepared_statements order by name`,
      );
      expect(statements.map((s) => s.name)).toEqual([
        'customers_companyName_asc_s_page',
        'customers_companyName_asc_s_total',
        'session_with_user',
      ]);
      const lookup = statements.find((s) => s.name === 'session_with_user');
      // Planned for its first five runs, then one generic plan serves every later lookup.
      expect(lookup?.generic_plans).toBeGreaterThan(0);
      expect((lookup?.generic_plans ?? 0) + (lookup?.custom_plans ?? 0)).toBe(11);
    } finally {
      await pool.end();
    }
  });
});

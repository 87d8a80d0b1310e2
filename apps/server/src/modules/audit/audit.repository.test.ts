import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Connection, openDatabase } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { createTestDatabase } from '../../test/harness.ts';
import { insertAuditRows, insertAuditRowsFrom, listAuditRows, type NewAuditRow } from './audit.repository.ts';

/*
 * The audit log is written in bulk by the month end (a batch of 5,000 entries at a time, or more): every entry
 * of a batch arrives whole, with its actor, its text as given and its before/after values as given, whatever
 * the batch's size.
 */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let connection: Connection;

beforeAll(async () => {
  database = await createTestDatabase();
  connection = await openDatabase(database.target);
  await migrateDatabase(connection);
});

afterAll(async () => {
  await connection?.close();
  await database?.drop();
});

describe('insertAuditRows', () => {
  it('keeps every field of every entry, absent values as absent', async () => {
    const rows: NewAuditRow[] = [
      {
        at: new Date('2026-03-01T00:00:00.123Z'),
        actorId: '0b6c7a4e-8f1d-4c4a-9d1e-2f0e8a7b6c5d',
        actorEmail: 'admin@example.com',
        ip: '203.0.113.7',
        action: 'customer.locked',
        objectType: 'customer-one',
        objectId: 'c-1',
        before: { locked: false, note: 'quote " backslash \\ ünïcødé 🙂' },
        after: { locked: true, list: [1, 2.5, null, 'x'], nested: { empty: {} } },
      },
      {
        at: new Date('2026-03-01T00:00:01Z'),
        actorId: null,
        actorEmail: null,
        ip: null,
        action: 'subscription.repriced',
        objectType: 'customer-one',
        objectId: null,
        before: null,
        after: 'a plain string',
      },
      { at: new Date('2026-03-01T00:00:02Z'), action: 'job.ran', objectType: 'customer-one', after: 0 },
    ];
    await insertAuditRows(connection.db, rows);
    const { rows: read, total } = await listAuditRows(
      connection.db,
      { objectType: 'customer-one' },
      { limit: 10, offset: 0 },
    );
    expect(total).toBe(3);
    expect(read.reverse().map(({ id: _id, objectName: _name, ...rest }) => rest)).toEqual([
      rows[0],
      { ...rows[1], before: null },
      {
        at: new Date('2026-03-01T00:00:02Z'),
        actorId: null,
        actorEmail: null,
        ip: null,
        action: 'job.ran',
        objectType: 'customer-one',
        objectId: null,
        before: null,
        after: 0,
      },
    ]);
  });

  it('writes a batch larger than a statement can carry as one parameter per field (10,000 entries)', async () => {
    const at = new Date('2026-04-01T00:00:00Z');
    const rows: NewAuditRow[] = Array.from({ length: 10_000 }, (_, i) => ({
      at,
      actorId: null,
      actorEmail: null,
      action: 'subscription.change-applied',
      objectType: 'customer-many',
      objectId: `c-${i}`,
      before: { running: { ipsInternal: i } },
      after: { running: { ipsInternal: i + 1 } },
    }));
    await insertAuditRows(connection.db, rows);
    const { rows: last, total } = await listAuditRows(
      connection.db,
      { objectType: 'customer-many', objectId: 'c-9999' },
      { limit: 10, offset: 0 },
    );
    expect(total).toBe(1);
    expect(last[0]?.after).toEqual({ running: { ipsInternal: 10_000 } });
    const { total: all } = await listAuditRows(
      connection.db,
      { objectType: 'customer-many' },
      { limit: 1, offset: 0 },
    );
    expect(all).toBe(10_000);
  });

  it('writes nothing for no entries', async () => {
    await insertAuditRows(connection.db, []);
    const { total } = await listAuditRows(connection.db, { objectType: 'nothing' }, { limit: 1, offset: 0 });
    expect(total).toBe(0);
  });
});

describe('insertAuditRowsFrom', () => {
  it('writes one system entry per row of the query, with its object and its before/after as built', async () => {
    const at = new Date('2026-04-01T00:01:00Z');
    await insertAuditRowsFrom(
      connection.db,
      { at, action: 'subscription.repriced', objectType: 'customer-query' },
      sql`select 'c-' || n as object_id, jsonb_build_object('running', jsonb_build_object('ipsInternal', n)) as before,
            case when n = 2 then null else jsonb_build_object('running', null) end as after
          from generate_series(1, 2) as n`,
    );
    const { rows, total } = await listAuditRows(
      connection.db,
      { objectType: 'customer-query' },
      { limit: 10, offset: 0 },
    );
    expect(total).toBe(2);
    const byObject = Object.fromEntries(rows.map((r) => [r.objectId, r]));
    expect(byObject['c-1']).toMatchObject({
      at,
      actorId: null,
      actorEmail: null,
      ip: null,
      action: 'subscription.repriced',
      before: { running: { ipsInternal: 1 } },
      after: { running: null },
    });
    expect(byObject['c-2']).toMatchObject({ before: { running: { ipsInternal: 2 } }, after: null });
  });
});

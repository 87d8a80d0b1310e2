import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Connection, openDatabase } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { createTestDatabase } from '../../test/harness.ts';
import { takeInvoiceNumbers } from './invoice-numbers.ts';

let connection: Connection;
let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  connection = await openDatabase(database.target);
  await migrateDatabase(connection);
});
afterAll(async () => {
  await connection.close();
  await drop();
});

const take = (year: number, count: number) =>
  connection.db.transaction((tx) => takeInvoiceNumbers(tx, year, count));

describe('invoice numbers', () => {
  it('count from 1 per year, strictly increasing, without gaps', async () => {
    expect(await take(2026, 3)).toEqual([1, 2, 3]);
    expect(await take(2026, 2)).toEqual([4, 5]);
    expect(await take(2027, 2)).toEqual([1, 2]);
    expect(await take(2026, 0)).toEqual([]);
    expect(await take(2026, 1)).toEqual([6]);
  });

  it('are given back by a rollback together with the invoices that carried them', async () => {
    await expect(
      connection.db.transaction(async (tx) => {
        expect(await takeInvoiceNumbers(tx, 2026, 4)).toEqual([7, 8, 9, 10]);
        throw new Error('the issuing transaction fails');
      }),
    ).rejects.toThrow('the issuing transaction fails');
    expect(await take(2026, 1)).toEqual([7]);
  });

  it('refuses a count that is not a whole number ≥ 0', async () => {
    await expect(take(2026, -1)).rejects.toThrow('invalid invoice number count');
    await expect(take(2026, 1.5)).rejects.toThrow('invalid invoice number count');
  });
});

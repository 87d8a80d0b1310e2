import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Connection, openDatabase, queryRows } from '../db/connection.ts';
import { createTestDatabase } from '../test/harness.ts';
import { defineJob, InvalidJobPayload, JobQueue } from './queue.ts';

/**
 * A job's payload is checked against its schema twice: when it is sent (a bad one is refused before anything
 * is queued, and the sender's transaction rolls back with it) and when a worker takes it (a bad one, queued by
 * other means, fails the job at once without reaching its handler).
 */
const GREET_JOB = defineJob({
  name: 'test.greet',
  payload: z.object({ customerId: z.uuid(), times: z.number().int().min(1) }),
});

const customerId = '00000000-0000-4000-8000-0000000000c1';

let connection: Connection;
let drop: () => Promise<void>;
let queue: JobQueue;
const handled: unknown[] = [];
const errors: Error[] = [];

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  connection = await openDatabase(database.target);
  await connection.db.execute(sql`create table queue_test_changes (id int primary key)`);
  queue = new JobQueue(connection);
  queue.onError((error) => errors.push(error));
  queue.define({
    ...GREET_JOB,
    // Retries left: a job that fails for its payload must not use them.
    queue: { retryLimit: 5, retryDelay: 1 },
    async handle(data) {
      handled.push(data);
    },
  });
  await queue.start({ work: true, pollingIntervalSeconds: 0.5 });
  // Creating pg-boss's schema on a fresh embedded database takes a while on a busy machine: a bound for a hang.
}, 180_000);
afterAll(async () => {
  await queue?.stop();
  await connection?.close();
  await drop?.();
});

async function jobsNamed(name: string) {
  return queryRows<{ id: string; state: string; retryCount: number; output: { message?: string } | null }>(
    connection.db,
    sql`select id, state, retry_count as "retryCount", output from pgboss.job where name = ${name}`,
  );
}

describe('sending', () => {
  it('refuses a payload that does not fit, before anything is queued, and the transaction rolls back', async () => {
    const sending = connection.db.transaction(async (tx) => {
      await tx.execute(sql`insert into queue_test_changes (id) values (1)`);
      await queue.send(GREET_JOB, { customerId: 'not-a-uuid', times: 0 }, { tx });
    });
    await expect(sending).rejects.toThrow(InvalidJobPayload);
    await expect(sending).rejects.toThrow(
      'job test.greet: invalid payload: customerId: Invalid UUID; times: Too small: expected number to be >=1',
    );
    expect(await queryRows(connection.db, sql`select id from queue_test_changes`)).toEqual([]);
    expect(await jobsNamed(GREET_JOB.name)).toEqual([]);
  });

  it('refuses a payload with a missing field, which the types would not let through', async () => {
    await expect(queue.send(GREET_JOB, { customerId } as never)).rejects.toThrow(/times/);
    expect(await jobsNamed(GREET_JOB.name)).toEqual([]);
  });

  it('queues a payload that fits, as its schema parsed it', async () => {
    const id = await queue.send(GREET_JOB, { customerId, times: 2, extra: 'dropped' } as never);
    expect(id).toBeTruthy();
    await expect
      .poll(async () => (await jobsNamed(GREET_JOB.name))[0]?.state, { timeout: 30_000 })
      .toBe('completed');
    expect(handled).toEqual([{ customerId, times: 2 }]);
  });
});

describe('running', () => {
  it('fails a job whose payload does not fit at once, without its handler and without retries, and reports it', async () => {
    handled.length = 0;
    // Written past the check, as a job queued by an older version of the portal or by hand would be.
    const id = await queue.boss.send(GREET_JOB.name, { customerId: 42 });
    await expect
      .poll(async () => (await jobsNamed(GREET_JOB.name)).find((j) => j.id === id)?.state, {
        timeout: 30_000,
      })
      .toBe('failed');
    const job = (await jobsNamed(GREET_JOB.name)).find((j) => j.id === id);
    expect(job).toMatchObject({ retryCount: 0 });
    expect(job?.output?.message).toMatch(`job test.greet ${id}: invalid payload`);
    expect(handled).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(`job test.greet ${id}: invalid payload`),
    ]);
    expect(errors[0]).toBeInstanceOf(InvalidJobPayload);
  });
});

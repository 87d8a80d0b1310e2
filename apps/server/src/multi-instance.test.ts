import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildPortal, type Portal } from './app.ts';
import { openDatabase, queryRows } from './db/connection.ts';
import { migrateDatabase } from './db/migrate.ts';
import { defineJob } from './jobs/queue.ts';
import { createAdmin, createTestPortal, signIn, type TestPortal } from './test/harness.ts';

/**
 * Several instances behind a load balancer share one PostgreSQL database and nothing else: a session
 * opened on one is valid on the other, and a job sent through one runs exactly once on either.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('two instances on one PostgreSQL database', () => {
  let a: TestPortal;
  let b: Portal;
  let closeB: () => Promise<void>;
  const handled: Record<string, string[]> = { a: [], b: [] };
  const ONCE_JOB = defineJob({ name: 'test.once', payload: z.object({ n: z.number().int() }) });

  beforeAll(async () => {
    a = await createTestPortal();
    const connectionB = await openDatabase(a.config.database);
    await migrateDatabase(connectionB); // a second migrate is a no-op, also when it runs concurrently
    b = await buildPortal(a.config, { connection: connectionB, clock: a.clock, logger: false });
    closeB = async () => {
      await b.close();
      await connectionB.close();
    };
    for (const [name, portal] of [
      ['a', a],
      ['b', b],
    ] as const) {
      portal.jobs.define({
        ...ONCE_JOB,
        localConcurrency: 2,
        handle: async (_data, job) => {
          handled[name]?.push(job.id);
        },
      });
      await portal.startJobs({ pollingIntervalSeconds: 0.5 });
    }
    await createAdmin(a, 'shared@provider.test');
  });
  afterAll(async () => {
    await closeB();
    await a.dispose();
  });

  it('shares sessions: signed in on one, recognised and signed out on the other', async () => {
    const cookie = await signIn(a, 'shared@provider.test');
    expect(
      (await b.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json(),
    ).toMatchObject({
      user: { email: 'shared@provider.test' },
    });
    await b.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
    expect((await a.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });

  it('runs each job exactly once across both instances', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 30; n++) ids.push((await a.jobs.send(ONCE_JOB, { n }))!);
    // Once pg-boss has every job completed, no worker can fetch one again; stopping the workers waits for
    // any handler still running. What the handlers recorded is then final: a duplicate would be in it.
    for (;;) {
      const [row] = await queryRows<{ n: number }>(
        a.connection.db,
        sql`select count(*)::int as n from pgboss.job where name = 'test.once' and state = 'completed'`,
      );
      if (row?.n === ids.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await Promise.all([a.jobs.boss.offWork('test.once'), b.jobs.boss.offWork('test.once')]);
    const all = [...handled.a!, ...handled.b!];
    expect(all.sort()).toEqual([...ids].sort());
  });
});

import { sql } from 'drizzle-orm';
import {
  type Clock as BossClock,
  fromDrizzle,
  fromPglite,
  type Job,
  PgBoss,
  type Queue,
  type SendOptions,
} from 'pg-boss';
import type { Connection, Tx } from '../db/connection.ts';

/**
 * A durable background job: its queue options and its handler. Each module defines its jobs beside its
 * service (`<concept>.jobs.ts`); app.ts registers them all. Handlers must be idempotent: pg-boss
 * delivers at least once, and retries after a crash.
 */
export interface JobDefinition<T extends object> {
  name: string;
  queue?: Omit<Queue, 'name'>;
  /** How many jobs one instance works on at once. */
  localConcurrency?: number;
  /** A recurring job: pg-boss sends it on this cron (UTC), once across all instances. */
  schedule?: { cron: string };
  handle(data: T, job: Job<T>): Promise<void>;
}

export class JobQueue {
  readonly boss: PgBoss;
  readonly #definitions: JobDefinition<object>[] = [];
  #started = false;
  #onError: (error: Error) => void = (error) => console.error('job queue error', error);

  constructor(connection: Connection, options: { clock?: BossClock; pollingIntervalSeconds?: number } = {}) {
    this.boss = new PgBoss({
      ...(connection.kind === 'pglite'
        ? { db: fromPglite(connection.pglite), backend: 'pglite' as const }
        : { connectionString: connection.url, max: 4 }),
      schema: 'pgboss',
      ...(options.clock ? { clock: options.clock } : {}),
    });
    // pg-boss reports failures it recovers from (a dropped connection, a failed poll) as 'error' events; an
    // unheard 'error' event would end the process, so they are logged and the queue carries on.
    this.boss.on('error', (error) => this.#onError(error));
  }

  /** Where the queue's recoverable errors go (the portal's logger). */
  onError(handler: (error: Error) => void): void {
    this.#onError = handler;
  }

  define<T extends object>(definition: JobDefinition<T>): void {
    this.#definitions.push(definition as unknown as JobDefinition<object>);
  }

  /** Starts pg-boss, creates the queues, and (unless `work` is false) starts this instance's workers. */
  async start(options: { work: boolean; pollingIntervalSeconds?: number }): Promise<void> {
    await this.boss.start();
    this.#started = true;
    for (const d of this.#definitions) {
      await this.boss.createQueue(d.name, d.queue ?? {});
      if (d.schedule) await this.boss.schedule(d.name, d.schedule.cron, {}, { missed: 'once' });
      if (!options.work) continue;
      await this.boss.work<object>(
        d.name,
        {
          localConcurrency: d.localConcurrency ?? 1,
          batchSize: 1,
          pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
        },
        async ([job]) => {
          if (job) await d.handle(job.data, job);
        },
      );
    }
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }

  /**
   * Enqueues a job. With `tx`, the job is written in that transaction: it exists exactly when the change
   * that caused it commits (STYLE habit 4).
   */
  async send<T extends object>(
    name: string,
    data: T,
    options: SendOptions & { tx?: Tx } = {},
  ): Promise<string | null> {
    // pg-boss waits for start() before sending; failing loudly beats a send that never returns.
    if (!this.#started) throw new Error(`job queue not started: cannot send ${name}`);
    const { tx, ...sendOptions } = options;
    return this.boss.send(
      name,
      data,
      tx ? { ...sendOptions, db: fromDrizzle(tx as never, sql) } : sendOptions,
    );
  }
}

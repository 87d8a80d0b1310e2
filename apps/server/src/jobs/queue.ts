import { sql } from 'drizzle-orm';
import {
  type Clock as BossClock,
  fromDrizzle,
  fromPglite,
  type Job,
  type JobResult,
  PgBoss,
  type Queue,
  type SendOptions,
} from 'pg-boss';
import type { z } from 'zod';
import type { Connection, Tx } from '../db/connection.ts';

/**
 * A kind of background job: its queue's name and the shape of its payload. Declared once, with
 * `defineJob`, in the module's `<concept>.jobs.ts`; senders and the handler both refer to it, so the
 * payload is checked on its way into the queue and again when a worker takes it out (a job may have been
 * queued by an older version of the portal, or written by hand).
 */
export interface JobType<T extends object> {
  readonly name: string;
  readonly payload: z.ZodType<T>;
}

export function defineJob<T extends object>(job: { name: string; payload: z.ZodType<T> }): JobType<T> {
  return Object.freeze({ name: job.name, payload: job.payload });
}

/**
 * A payload that does not fit its job's schema: refused when sent, and failing the job when it runs. The
 * message is one line (each field with what is wrong with it, never its value), so it reads as one log line.
 */
export class InvalidJobPayload extends Error {
  constructor(name: string, error: z.ZodError, jobId?: string) {
    const problems = error.issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`);
    super(`job ${name}${jobId ? ` ${jobId}` : ''}: invalid payload: ${problems.join('; ')}`);
    this.name = 'InvalidJobPayload';
  }
}

/**
 * A durable background job: its type, its queue options and its handler. Each module defines its jobs
 * beside its service (`<concept>.jobs.ts`, as `{ ...SOME_JOB, handle }`); app.ts registers them all.
 * Handlers must be idempotent: pg-boss delivers at least once, and retries after a crash. A handler is
 * given the payload as its schema parsed it.
 */
export interface JobDefinition<T extends object> extends JobType<T> {
  queue?: Omit<Queue, 'name'>;
  /** How many workers of this queue one instance runs, each fetching and working off its own batch. */
  localConcurrency?: number;
  /**
   * How many jobs a worker fetches at once; the handler runs for all of them at the same time, and each
   * job completes or fails on its own. While batches come back full the worker fetches again at once
   * instead of waiting for the next poll, so a backlog drains at the handlers' pace. Default 1.
   */
  batchSize?: number;
  /** A recurring job: pg-boss sends it on this cron (UTC), once across all instances. */
  schedule?: { cron: string };
  handle(data: T, job: Job<T>): Promise<void>;
}

/**
 * How often pg-boss's supervisor looks for jobs whose worker went away (an expired job, or a heartbeat that
 * stopped because the process died) and puts them back for a retry. Its default of a minute would add up to
 * a minute to every recovery after a crash; a pass is a few indexed statements.
 */
const SUPERVISE_INTERVAL_SECONDS = 10;

/**
 * Every running job refreshes its heartbeat every half of this; a job whose process died (kill -9, a lost
 * host) misses it and is retried within this plus one supervisor pass, however long its expiry is. Long
 * enough that a live job whose refresh waits behind a long transaction on the embedded database's one
 * connection is not taken for dead.
 */
const HEARTBEAT_SECONDS = 20;

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
      superviseIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
      monitorIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
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
      const queue = { heartbeatSeconds: HEARTBEAT_SECONDS, ...d.queue };
      await this.boss.createQueue(d.name, queue);
      // createQueue leaves an existing queue as it was: options changed since (an expiry, a heartbeat)
      // reach the queues of an existing database only through an update.
      const { policy: _policy, partition: _partition, ...changeable } = queue;
      await this.boss.updateQueue(d.name, changeable);
      if (d.schedule) await this.boss.schedule(d.name, d.schedule.cron, {}, { missed: 'once' });
      if (!options.work) continue;
      const polling = {
        localConcurrency: d.localConcurrency ?? 1,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
      };
      // Each job of a batch completes or fails on its own; pg-boss ignores burstWhenBatchFull at a batch of 1.
      await this.boss.work<object>(
        d.name,
        { ...polling, batchSize: d.batchSize ?? 1, burstWhenBatchFull: true, perJobResults: true },
        (jobs) => Promise.all(jobs.map((job) => this.#run(d, job))),
      );
    }
  }

  async #run(d: JobDefinition<object>, job: Job<object>): Promise<JobResult> {
    const payload = d.payload.safeParse(job.data);
    if (!payload.success) {
      const error = new InvalidJobPayload(d.name, payload.error, job.id);
      this.#onError(error);
      // A payload that does not fit now will not fit on a retry either, and a retry waiting in a
      // key_strict_fifo queue would hold back the jobs behind it: the job fails for good at once.
      return { id: job.id, status: 'deadletter', output: failureOutput(error) };
    }
    try {
      await d.handle(payload.data, job);
      return { id: job.id, status: 'completed' };
    } catch (error) {
      return { id: job.id, status: 'failed', output: failureOutput(error) };
    }
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }

  /**
   * Enqueues a job. With `tx`, the job is written in that transaction: it exists exactly when the change
   * that caused it commits (STYLE habit 4). A payload that does not fit the job's schema throws
   * InvalidJobPayload before anything is written, so the sender's transaction rolls back with it.
   */
  async send<T extends object>(
    job: JobType<T>,
    data: T,
    options: SendOptions & { tx?: Tx } = {},
  ): Promise<string | null> {
    // pg-boss waits for start() before sending; failing loudly beats a send that never returns.
    if (!this.#started) throw new Error(`job queue not started: cannot send ${job.name}`);
    const payload = job.payload.safeParse(data);
    if (!payload.success) throw new InvalidJobPayload(job.name, payload.error);
    const { tx, ...sendOptions } = options;
    return this.boss.send(
      job.name,
      payload.data,
      tx ? { ...sendOptions, db: fromDrizzle(tx as never, sql) } : sendOptions,
    );
  }
}

/** What pg-boss stores as a failed job's output: the error's message (as it does for a single job). */
function failureOutput(reason: unknown): { message: string } {
  return { message: reason instanceof Error ? reason.message : String(reason) };
}

import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../jobs/queue.ts';
import type { CustomerDeletionService } from './customer-deletion.service.ts';

/** The purge of a customer marked for deletion, at the end of its grace period. */
export const PURGE_JOB = defineJob({
  name: 'customers.purge',
  payload: z.object({
    customerId: z.uuid(),
    /** The purge this job was queued for: an undone and repeated deletion queues a new one, this one lapses. */
    purgeAt: z.iso.datetime(),
  }),
});

export type PurgeJob = z.infer<typeof PURGE_JOB.payload>;

export function customerJobs(deletion: CustomerDeletionService): JobDefinition<PurgeJob>[] {
  return [
    {
      ...PURGE_JOB,
      // One transaction (Stripe hears of a card customer's purge from a job of its own): 2 minutes is ample.
      // The first retry comes 10–20 s later, so a purge lost with a crashed process is redone promptly;
      // twelve retries with backoff keep trying for about a day, as before.
      queue: { retryLimit: 12, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 },
      async handle(data) {
        await deletion.runPurge(data);
      },
    },
  ];
}

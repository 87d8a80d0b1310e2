import type { JobDefinition } from '../../jobs/queue.ts';
import { type CustomerDeletionService, PURGE_JOB, type PurgeJob } from './customer-deletion.service.ts';

/** The purge of a customer marked for deletion, at the end of its grace period. */
export function customerJobs(deletion: CustomerDeletionService): JobDefinition<PurgeJob>[] {
  return [
    {
      name: PURGE_JOB,
      queue: { retryLimit: 10, retryDelay: 60, retryBackoff: true },
      async handle(data) {
        await deletion.runPurge(data);
      },
    },
  ];
}

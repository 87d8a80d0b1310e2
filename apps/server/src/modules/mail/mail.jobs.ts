import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../jobs/queue.ts';
import type { MailService } from './mail.service.ts';
import { DELIVERY_DEADLINE_MS, SMTP_POOL_CONNECTIONS } from './mail.transport.ts';

/**
 * One queued mail's delivery. The payload carries the retry limit it was sent with, so the handler's "last
 * attempt" agrees with pg-boss's even when MAIL_RETRY_LIMIT changes while the job waits.
 */
export const DELIVER_JOB = defineJob({
  name: 'mail.deliver',
  payload: z.object({
    mailId: z.uuid(),
    /** Absent in a job sent by other code: then the configured limit applies. */
    retryLimit: z.number().int().min(0).optional(),
  }),
});

export type DeliverJobData = z.infer<typeof DELIVER_JOB.payload>;

export function mailJobs(mail: MailService): JobDefinition<object>[] {
  const deliver: JobDefinition<DeliverJobData> = {
    ...DELIVER_JOB,
    // As many mails at once as the pool has SMTP connections; a full batch fetches the next at once, so a
    // backlog (after a restart or an outage) drains at the server's pace, not one mail per poll.
    batchSize: SMTP_POOL_CONNECTIONS,
    localConcurrency: 1,
    // Just above the bound of one delivery (the transport's deadline) plus time to wait for the row lock:
    // a delivery that hangs is given up after it, not after pg-boss's default of 15 minutes. One whose
    // worker died is noticed sooner still, by its heartbeat (jobs/queue.ts).
    queue: { expireInSeconds: DELIVERY_DEADLINE_MS / 1000 + 15 },
    async handle(data, job) {
      await mail.deliver(data, { retryCount: job.retryCount });
    },
  };
  return [deliver];
}

import { z } from 'zod';
import type { JobDefinition } from '../../jobs/queue.ts';
import { DELIVER_JOB, type DeliverJobData, type MailService } from './mail.service.ts';

const DeliverJobPayload = z.object({ mailId: z.uuid(), retryLimit: z.number().int().min(0).optional() });

export function mailJobs(mail: MailService): JobDefinition<object>[] {
  const deliver: JobDefinition<DeliverJobData> = {
    name: DELIVER_JOB,
    // Mails go out one after another per instance: SMTP servers throttle bursts from one client anyway.
    localConcurrency: 1,
    async handle(data, job) {
      await mail.deliver(DeliverJobPayload.parse(data), { retryCount: job.retryCount });
    },
  };
  return [deliver];
}

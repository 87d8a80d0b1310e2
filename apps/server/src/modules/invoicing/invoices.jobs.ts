import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../jobs/queue.ts';
import type { InvoicesService } from './invoices.service.ts';

/** A pass of the overdue rule: it takes no arguments, it sets overdue whatever is due by then. */
export const MARK_OVERDUE_JOB = defineJob({ name: 'invoices.mark-overdue', payload: z.object({}) });

/**
 * The overdue rule runs hourly rather than once a day: schedules are in UTC, and an hourly pass sets an
 * invoice overdue within the hour after midnight in any billing time zone, for one indexed statement that
 * mostly finds nothing. The portal also sends a pass when it starts (app.ts), and a pass missed while it
 * was down is caught up once.
 */
export function invoiceJobs(invoices: InvoicesService): JobDefinition<object>[] {
  return [
    {
      ...MARK_OVERDUE_JOB,
      queue: { policy: 'exclusive', retryLimit: 3, retryDelay: 60, expireInSeconds: 900 },
      schedule: { cron: '5 * * * *' },
      async handle() {
        await invoices.markOverdue();
      },
    },
  ];
}

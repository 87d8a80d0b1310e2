import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../jobs/queue.ts';
import type { MonthEndService } from './month-end.service.ts';

/** A run of the month end: it takes no arguments, it applies whatever is due when it runs. */
export const MONTH_END_JOB = defineJob({ name: 'subscriptions.month-end', payload: z.object({}) });

/**
 * The month end runs every minute rather than once at midnight: each run applies whatever is due by then, so a
 * change applies within a minute of its instant, and a run after downtime catches up on everything missed.
 * The queue lets one run be queued or active at a time; runs on several instances could not repeat a change
 * anyway (see MonthEndService.run).
 */
export function subscriptionJobs(monthEnd: MonthEndService): JobDefinition<object>[] {
  return [
    {
      ...MONTH_END_JOB,
      // A run at 100k changes takes about a minute; 15 minutes bounds a run that hangs. A run whose process
      // died is noticed by its heartbeat (jobs/queue.ts) and retried 10 s later: the queue is exclusive, so
      // until then no other run starts.
      queue: { policy: 'exclusive', retryLimit: 3, retryDelay: 10, expireInSeconds: 900 },
      schedule: { cron: '* * * * *' },
      async handle() {
        await monthEnd.run();
      },
    },
  ];
}

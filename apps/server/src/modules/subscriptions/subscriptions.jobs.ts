import type { JobDefinition } from '../../jobs/queue.ts';
import type { CustomerSubscriptionsService } from '../customers/customer-subscriptions.service.ts';

export const MONTH_END_JOB = 'subscriptions.month-end';

/**
 * The month end runs every minute rather than once at midnight: each run applies whatever is due by then, so a
 * change applies within a minute of its instant, and a run after downtime catches up on everything missed.
 * The queue lets one run be queued or active at a time; runs on several instances could not repeat a change
 * anyway (see CustomerSubscriptionsService.applyDueSubscriptionChanges).
 */
export function subscriptionJobs(customers: CustomerSubscriptionsService): JobDefinition<object>[] {
  return [
    {
      name: MONTH_END_JOB,
      queue: { policy: 'exclusive', retryLimit: 3, retryDelay: 30 },
      schedule: { cron: '* * * * *' },
      async handle() {
        await customers.applyDueSubscriptionChanges();
      },
    },
  ];
}

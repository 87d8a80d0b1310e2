import type { JobDefinition } from '../../jobs/queue.ts';
import type { MailService } from './mail.service.ts';
export function mailJobs(_mail: MailService): JobDefinition<object>[] {
  return [];
}

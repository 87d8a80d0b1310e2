import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../jobs/queue.ts';

/**
 * Renders every issued invoice and credit note whose documents are not stored yet, and queues its mail. It
 * takes no arguments: a run works off whatever is unrendered when it runs. Sent (with singletonKey
 * 'invoices.render') by the invoice run and after a credit note, so documents follow within seconds; also
 * scheduled every minute, so a run lost to a crash is caught up.
 */
export const RENDER_INVOICES_JOB = defineJob({ name: 'invoices.render', payload: z.object({}) });

/** What the job needs of the rendering service: one run over every unrendered invoice. */
export interface InvoiceRenderer {
  renderPending(): Promise<unknown>;
}

export function invoiceRenderingJobs(renderer: InvoiceRenderer): JobDefinition<object>[] {
  return [
    {
      ...RENDER_INVOICES_JOB,
      // One run active and one waiting at most (per singletonKey). Not 'exclusive' as the month end: a send
      // while a run is active would be dropped there, and an invoice committed just after that run looked
      // for its last batch would wait for the next minute; here it waits for the run behind it. Documents are
      // stored only by the first run to store them, so overlapping runs (several instances) mail each once.
      // 15 minutes bounds a run that hangs; a dead worker is noticed by its heartbeat.
      queue: { policy: 'stately', retryLimit: 3, retryDelay: 10, expireInSeconds: 900 },
      schedule: { cron: '* * * * *' },
      async handle() {
        await renderer.renderPending();
      },
    },
  ];
}

// Interface skeleton: the mail module is being written; this file is replaced by the real service.
import type { Locale } from '@vmsp/contracts';
import type { Config } from '../../config.ts';
import type { Database, Executor, Tx } from '../../db/connection.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../../lib/clock.ts';
import type { SecretBox } from '../../lib/secret-box.ts';
import type { AuditService } from '../audit/audit.service.ts';

export interface MailTemplates {
  'admin-invite': { inviteUrl: string; invitedBy: string; expiresAt: string };
  test: Record<string, never>;
}
export type MailTemplateName = keyof MailTemplates;

export class MailService {
  constructor(_deps: { db: Database; clock: Clock; config: Config; jobs: JobQueue; audit: AuditService; secrets: SecretBox }) {}
  async isConfigured(_executor?: Executor): Promise<boolean> {
    return false;
  }
  async enqueue<T extends MailTemplateName>(_tx: Tx, _mail: { to: string; locale: Locale; template: T; params: MailTemplates[T] }): Promise<string> {
    throw new Error('not yet');
  }
}

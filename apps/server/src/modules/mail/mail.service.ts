import type {
  Locale,
  MailLogEntry,
  MailLogPage,
  MailMessage,
  MailSettings,
  MailStatus,
  SendTestMailResponse,
} from '@vmsp/contracts';
import type { Config } from '../../config.ts';
import type { Database, Executor, Tx } from '../../db/connection.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import type { SecretBox } from '../../lib/secret-box.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import { DELIVER_JOB, type DeliverJobData } from './mail.jobs.ts';
import * as repo from './mail.repository.ts';
import { type MailTemplateName, type MailTemplates, renderMail } from './mail.templates.ts';
import { errorText, NOT_CONFIGURED_MESSAGE, PooledMailTransport, transmit } from './mail.transport.ts';
import { type AttachmentSource, type MailAttachment, MailAttachments } from './mail-attachments.ts';
import {
  applySave,
  loadMailSettings,
  parseSaveRequest,
  storeMailSettings,
  toDeliverySettings,
  toMailSettings,
} from './mail-settings.ts';

export type { MailTemplateName, MailTemplates } from './mail.templates.ts';
export type { AttachmentSource, MailAttachment } from './mail-attachments.ts';

const notConfigured = () => new AppError('MAIL_NOT_CONFIGURED', 409, NOT_CONFIGURED_MESSAGE);

export function toMailLogEntry(row: repo.MailRow): MailLogEntry {
  return {
    id: row.id,
    to: row.toAddress,
    subject: row.subject,
    template: row.template,
    status: row.status,
    logOnly: row.logOnly,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

/**
 * Outgoing mail: the mail server settings, the outbox that every mail goes through, its
 * delivery by a background job with retries, and the Mail Log. Only the synchronous test mail bypasses the
 * job, so that the admin sees the server's answer at once; it is still logged.
 */
export class MailService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #config: Pick<Config, 'mail' | 'billingTimeZone'>;
  readonly #jobs: JobQueue;
  readonly #audit: AuditService;
  readonly #secrets: SecretBox;
  readonly #outbox = new PooledMailTransport();
  readonly #attachments = new MailAttachments();

  constructor(deps: {
    db: Database;
    clock: Clock;
    config: Pick<Config, 'mail' | 'billingTimeZone'>;
    jobs: JobQueue;
    audit: AuditService;
    secrets: SecretBox;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#config = deps.config;
    this.#jobs = deps.jobs;
    this.#audit = deps.audit;
    this.#secrets = deps.secrets;
  }

  /**
   * Lets a module lend its stored files to mails (e.g. invoicing its PDFs): mails queued with attachments of
   * this kind are given the bytes the source loads when they go out. Wired in app.ts.
   */
  registerAttachmentSource(kind: string, source: AttachmentSource): void {
    this.#attachments.register(kind, source);
  }

  async getSettings(): Promise<MailSettings> {
    return toMailSettings(await loadMailSettings(this.#db));
  }

  async saveSettings(actor: Actor, input: unknown): Promise<MailSettings> {
    const request = parseSaveRequest(input);
    return this.#db.transaction(async (tx) => {
      // Locked so two admins saving at once cannot interleave "keep the stored password" with a change.
      const before = await loadMailSettings(tx, { forUpdate: true });
      const after = applySave(before, request, this.#secrets);
      await storeMailSettings(tx, after, this.#clock.now());
      await this.#audit.record(tx, {
        actor,
        action: 'mail-settings.changed',
        objectType: 'settings',
        objectId: 'mail',
        before: toMailSettings(before),
        after: toMailSettings(after),
      });
      return toMailSettings(after);
    });
  }

  async isConfigured(executor: Executor = this.#db): Promise<boolean> {
    return (await loadMailSettings(executor)).transport !== 'none';
  }

  /**
   * Sends a test mail now, through the saved settings, and reports the server's answer. Unlike other mails
   * it is not retried: the admin is waiting for the verdict on these very settings.
   */
  async sendTest(actor: Actor, input: { to: string; locale: Locale }): Promise<SendTestMailResponse> {
    const stored = await loadMailSettings(this.#db);
    if (stored.transport === 'none') throw notConfigured();
    const rendered = renderMail('test', {}, { locale: input.locale, timeZone: this.#config.billingTimeZone });
    let error: string | null = null;
    let logOnly = false;
    try {
      ({ logOnly } = await transmit(toDeliverySettings(stored, this.#secrets), {
        to: input.to,
        ...rendered,
      }));
    } catch (e) {
      error = errorText(e);
    }
    const now = this.#clock.now();
    await this.#db.transaction(async (tx) => {
      const row = await repo.insertMail(tx, {
        toAddress: input.to,
        template: 'test',
        ...rendered,
        status: error === null ? 'sent' : 'failed',
        logOnly,
        attempts: 1,
        lastError: error,
        createdAt: now,
        updatedAt: now,
        sentAt: error === null ? now : null,
      });
      await this.#audit.record(tx, {
        actor,
        action: 'mail.test-sent',
        objectType: 'mail',
        objectId: row.id,
        after: { to: input.to, ok: error === null, error, logOnly },
      });
    });
    return { ok: error === null, error };
  }

  /**
   * Puts a mail in the outbox, in the caller's transaction: the mail and its delivery job exist exactly
   * when the change that caused them commits. Refused when no mail server is configured.
   */
  async enqueue<T extends MailTemplateName>(
    tx: Tx,
    mail: {
      to: string;
      locale: Locale;
      template: T;
      params: MailTemplates[T];
      /** Files added at delivery, by reference (see MailAttachments). */
      attachments?: MailAttachment[];
    },
  ): Promise<string> {
    if (!(await this.isConfigured(tx))) throw notConfigured();
    const attachments = mail.attachments ?? [];
    this.#attachments.check(attachments);
    const rendered = renderMail(mail.template, mail.params, {
      locale: mail.locale,
      timeZone: this.#config.billingTimeZone,
    });
    const now = this.#clock.now();
    const row = await repo.insertMail(tx, {
      toAddress: mail.to,
      template: mail.template,
      ...rendered,
      attachments,
      status: 'queued',
      createdAt: now,
      updatedAt: now,
    });
    await this.#sendDeliverJob(tx, row.id);
    return row.id;
  }

  /**
   * The 'mail.deliver' job. Idempotent: the row is locked while the mail goes out, so a duplicate job
   * waits and then finds it sent. A failure is recorded with the server's text and rethrown for pg-boss
   * to retry with backoff; on the last attempt the mail becomes 'failed' (retryable from the Mail Log).
   * On PGlite the held transaction makes other queries wait for the send; the transport's deadline bounds that.
   * Several deliveries run at once (mail.jobs.ts); each locks only its own row.
   */
  async deliver(data: DeliverJobData, attempt: { retryCount: number }): Promise<void> {
    const failure = await this.#db.transaction(async (tx) => {
      const row = await repo.findMail(tx, data.mailId, { forUpdate: true });
      if (row?.status !== 'queued') return null;
      // Read now, not at enqueue time: a corrected password or server must help the mails still waiting.
      const stored = await loadMailSettings(tx);
      try {
        const { logOnly } = await this.#outbox.transmit(toDeliverySettings(stored, this.#secrets), {
          to: row.toAddress,
          subject: row.subject,
          html: row.html,
          text: row.text,
          attachments: await this.#attachments.load(tx, row.attachments),
        });
        const now = this.#clock.now();
        await repo.updateMail(tx, row.id, {
          status: 'sent',
          logOnly,
          attempts: row.attempts + 1,
          sentAt: now,
          updatedAt: now,
        });
        return null;
      } catch (e) {
        const lastError = errorText(e);
        const lastAttempt = attempt.retryCount >= (data.retryLimit ?? this.#config.mail.retryLimit);
        await repo.updateMail(tx, row.id, {
          status: lastAttempt ? 'failed' : 'queued',
          attempts: row.attempts + 1,
          lastError,
          updatedAt: this.#clock.now(),
        });
        return lastError;
      }
    });
    // Thrown after the commit: inside the transaction it would roll back the recorded attempt.
    if (failure !== null) throw new Error(failure);
  }

  /** A purged customer's users leave no mail behind: every mail addressed to them goes. */
  async removeAddressedTo(executor: Executor, addresses: string[]): Promise<void> {
    await repo.deleteMailsTo(executor, addresses);
  }

  async list(query: {
    status?: MailStatus | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  }): Promise<MailLogPage> {
    const { rows, total } = await repo.listMails(
      this.#db,
      { status: query.status, q: query.q },
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    );
    return { items: rows.map(toMailLogEntry), total, page: query.page, pageSize: query.pageSize };
  }

  /** Puts a failed mail back in the outbox with a fresh round of attempts. */
  async get(id: string): Promise<MailMessage> {
    const row = await repo.findMail(this.#db, id, { forUpdate: false });
    if (!row) throw notFound('The mail');
    return { ...toMailLogEntry(row), text: row.text, attachments: row.attachments.map((a) => a.filename) };
  }

  async retry(actor: Actor, id: string): Promise<MailLogEntry> {
    return this.#db.transaction(async (tx) => {
      const row = await repo.findMail(tx, id, { forUpdate: true });
      if (!row) throw notFound('The mail');
      if (row.status !== 'failed')
        throw conflict('MAIL_NOT_RETRYABLE', 'Only a failed mail can be sent again.');
      const updated = await repo.updateMail(tx, id, { status: 'queued', updatedAt: this.#clock.now() });
      if (!updated) throw notFound('The mail');
      await this.#sendDeliverJob(tx, id);
      await this.#audit.record(tx, {
        actor,
        action: 'mail.retried',
        objectType: 'mail',
        objectId: id,
        before: toMailLogEntry(row),
        after: toMailLogEntry(updated),
      });
      return toMailLogEntry(updated);
    });
  }

  async #sendDeliverJob(tx: Tx, mailId: string): Promise<void> {
    const { retryLimit, retryDelaySeconds } = this.#config.mail;
    await this.#jobs.send<DeliverJobData>(
      DELIVER_JOB,
      { mailId, retryLimit },
      { tx, retryLimit, retryDelay: retryDelaySeconds, retryBackoff: true },
    );
  }
}

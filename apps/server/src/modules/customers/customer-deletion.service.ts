import type { DeleteCustomerResult } from '@vmsp/contracts';
import { billingMonthOf } from '@vmsp/domain';
import { inArray, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Database, Tx } from '../../db/connection.ts';
import { auditLog, billingRecords, mails } from '../../db/schema.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import { assertVersion } from '../../lib/versions.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { CardPaymentsService } from '../billing/card-payments.service.ts';
import type { SubscriptionsService } from '../billing/subscriptions.service.ts';
import type { MailService } from '../mail/mail.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { UsersService } from '../users/users.service.ts';
import { type CustomerRecord, lockCustomer, writeCustomer } from './customer-record.ts';
import { PURGE_JOB, type PurgeJob } from './customers.jobs.ts';
import * as repo from './customers.repository.ts';

const notApplicable = (what: string) =>
  new AppError('ACTION_NOT_APPLICABLE', 409, `“${what}” does not apply to this customer.`);

/**
 * Deleting a customer. A customer that never registered goes at once. A registered one is marked
 * `deleting` (its users cannot sign in from that moment) and purged by a durable job after a grace period, during
 * which an admin can undo it. The purge removes every row the customer owns in one transaction; what accounting
 * needs of the running billing period is kept without personal data.
 */
export class CustomerDeletionService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #config: Pick<Config, 'deletionGraceSeconds' | 'billingTimeZone'>;
  readonly #users: UsersService;
  readonly #auth: AuthService;
  readonly #audit: AuditService;
  readonly #mail: MailService;
  readonly #subscriptions: SubscriptionsService;
  readonly #cards: CardPaymentsService;
  readonly #jobs: JobQueue;
  readonly #notifications: NotificationsService;

  constructor(deps: {
    db: Database;
    clock: Clock;
    config: Pick<Config, 'deletionGraceSeconds' | 'billingTimeZone'>;
    users: UsersService;
    auth: AuthService;
    audit: AuditService;
    mail: MailService;
    subscriptions: SubscriptionsService;
    cards: CardPaymentsService;
    jobs: JobQueue;
    notifications: NotificationsService;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#config = deps.config;
    this.#users = deps.users;
    this.#auth = deps.auth;
    this.#audit = deps.audit;
    this.#mail = deps.mail;
    this.#subscriptions = deps.subscriptions;
    this.#cards = deps.cards;
    this.#jobs = deps.jobs;
    this.#notifications = deps.notifications;
  }

  async delete(
    actor: Actor,
    id: string,
    input: { confirmation?: string | undefined; version: number },
  ): Promise<DeleteCustomerResult> {
    return this.#db.transaction(async (tx) => {
      const c = await lockCustomer(tx, id);
      assertVersion(c, input.version);
      if (c.deletionRequestedAt) throw notApplicable('delete');
      if (c.registeredAt === null) {
        await this.#audit.record(tx, {
          actor,
          action: 'customer.deleted',
          objectType: 'customer',
          objectId: c.id,
          before: { status: c.status },
        });
        await this.#purge(tx, c);
        return { purged: true, purgeAt: null };
      }
      if (input.confirmation !== 'DELETE') {
        throw invalid('confirmation', 'Type DELETE to confirm.', 'DELETE_NOT_CONFIRMED');
      }
      const now = this.#clock.now();
      const purgeAt = new Date(now.getTime() + this.#config.deletionGraceSeconds * 1000);
      const marked = await writeCustomer(tx, c, { deletionRequestedAt: now, purgeAt }, now);
      for (const u of await this.#users.listOfCustomer(tx, c.id)) await this.#auth.revokeAll(tx, u.id);
      // Durable: the job is written with the mark, and runs at purgeAt on whichever instance is up then.
      await this.#jobs.send<PurgeJob>(
        PURGE_JOB,
        { customerId: c.id, purgeAt: purgeAt.toISOString() },
        { tx, startAfter: purgeAt, singletonKey: `${c.id}:${purgeAt.toISOString()}` },
      );
      await this.#audit.record(tx, {
        actor,
        action: 'customer.marked-for-deletion',
        objectType: 'customer',
        objectId: c.id,
        before: { status: c.status },
        after: { status: marked.status, purgeAt: purgeAt.toISOString() },
      });
      return { purged: false, purgeAt: purgeAt.toISOString() };
    });
  }

  /** During the grace period an admin takes the deletion back; the queued purge then finds nothing to do. */
  async undo(actor: Actor, id: string, version: number): Promise<CustomerRecord> {
    return this.#db.transaction(async (tx) => {
      const c = await lockCustomer(tx, id);
      assertVersion(c, version);
      if (!c.deletionRequestedAt) throw notApplicable('undo deletion');
      const restored = await writeCustomer(
        tx,
        c,
        { deletionRequestedAt: null, purgeAt: null },
        this.#clock.now(),
      );
      await this.#audit.record(tx, {
        actor,
        action: 'customer.deletion-undone',
        objectType: 'customer',
        objectId: c.id,
        before: { status: c.status },
        after: { status: restored.status },
      });
      return restored;
    });
  }

  /** The purge job. Idempotent: a customer already gone, undone, or marked again for a later purge is left alone. */
  async runPurge(job: PurgeJob): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const c = await repo.findCustomer(tx, job.customerId, { forUpdate: true });
      if (!c?.deletionRequestedAt || c.purgeAt?.toISOString() !== job.purgeAt) return;
      await this.#purge(tx, c);
    });
  }

  async #purge(tx: Tx, c: CustomerRecord): Promise<void> {
    const now = this.#clock.now();
    const users = await this.#users.listOfCustomer(tx, c.id);
    const running = await this.#subscriptions.running(tx, c.id);
    if (running) {
      // The running period runs out at the billing month's end and is invoiced then: keep what that needs.
      const month = billingMonthOf(now, this.#config.billingTimeZone);
      await tx.insert(billingRecords).values({
        customerId: c.id,
        companyName: c.companyName,
        periodStart: new Date(Math.max(month.start.getTime(), running.startedAt.getTime())),
        periodEnd: month.end,
        ipsInternal: running.ipsInternal,
        ipsExternal: running.ipsExternal,
        paymentMethod: running.paymentMethod,
        monthlyPriceMinor: running.monthlyPriceMinor,
        currency: running.currency,
        createdAt: now,
      });
      // Stripe hears of it after commit: the cancellation is queued with the purge, never awaited inside it.
      if (running.paymentMethod === 'credit-card') await this.#cards.cancel(tx, c.id);
    }
    const userIds = users.map((u) => u.id);
    const emails = users.map((u) => u.email);
    // The audit trail keeps who did what to which id, but no personal data of the purged customer: what its
    // entries held before and after, and who its users were. The admins who acted on it stay named.
    await tx.update(auditLog).set({ before: null, after: null }).where(sql`${auditLog.objectId} = ${c.id}`);
    if (userIds.length) {
      await tx
        .update(auditLog)
        .set({ before: null, after: null, actorEmail: null, ip: null })
        .where(inArray(auditLog.actorId, userIds));
    }
    if (emails.length) await tx.delete(mails).where(inArray(mails.toAddress, emails));
    // Users, sessions, links, subscriptions, pending changes and card billing go with the row (ON DELETE
    // CASCADE); redeemed project keys stay, without the customer, so that a key is never redeemed twice.
    await repo.deleteCustomer(tx, c.id);
    await this.#audit.record(tx, {
      actor: null,
      action: 'customer.purged',
      objectType: 'customer',
      objectId: c.id,
      after: { billingRecordKept: running !== undefined },
    });
    await this.#notifyProvider(tx, c, now, running !== undefined);
  }

  /** The confirmation goes to the provider's notification address. */
  async #notifyProvider(
    tx: Tx,
    c: CustomerRecord,
    purgedAt: Date,
    billingRecordKept: boolean,
  ): Promise<void> {
    if (!(await this.#mail.isConfigured(tx))) return;
    const provider = await this.#notifications.recipient(tx);
    if (!provider) return;
    await this.#mail.enqueue(tx, {
      to: provider.email,
      locale: provider.locale,
      template: 'customer-purged',
      params: {
        companyName: c.companyName,
        customerId: c.id,
        purgedAt: purgedAt.toISOString(),
        billingRecordKept,
      },
    });
  }
}

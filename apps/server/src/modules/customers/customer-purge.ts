import type { Tx } from '../../db/connection.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { BillingRecordsService, ClosedBilling } from '../billing/billing-records.service.ts';
import type { MailService } from '../mail/mail.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { UsersService } from '../users/users.service.ts';
import type { CustomerRecord } from './customer-record.ts';
import { PURGE_JOB } from './customers.jobs.ts';
import * as repo from './customers.repository.ts';

/**
 * The purge of a customer: every row the customer owns goes in one transaction, each module removing
 * its own; the months not invoiced yet are invoiced first (its final invoice), and what accounting needs of the
 * running billing period is kept without personal data.
 */
export class CustomerPurge {
  readonly #jobs: JobQueue;
  readonly #users: UsersService;
  readonly #audit: AuditService;
  readonly #mail: MailService;
  readonly #notifications: NotificationsService;
  readonly #billing: BillingRecordsService;

  constructor(deps: {
    jobs: JobQueue;
    users: UsersService;
    audit: AuditService;
    mail: MailService;
    notifications: NotificationsService;
    billing: BillingRecordsService;
  }) {
    this.#jobs = deps.jobs;
    this.#users = deps.users;
    this.#audit = deps.audit;
    this.#mail = deps.mail;
    this.#notifications = deps.notifications;
    this.#billing = deps.billing;
  }

  /** Durable: the job is written with the mark, and runs at purgeAt on whichever instance is up then. */
  async schedule(tx: Tx, c: CustomerRecord, purgeAt: Date): Promise<void> {
    await this.#jobs.send(
      PURGE_JOB,
      { customerId: c.id, purgeAt: purgeAt.toISOString() },
      { tx, startAfter: purgeAt, singletonKey: `${c.id}:${purgeAt.toISOString()}` },
    );
  }

  async purge(tx: Tx, c: CustomerRecord, now: Date): Promise<void> {
    const users = await this.#users.listOfCustomer(tx, c.id);
    const billing = await this.#billing.closeForPurge(tx, c);
    // The audit trail keeps who did what to which id, but no personal data of the purged customer.
    await this.#audit.redactCustomer(
      tx,
      c.id,
      users.map((u) => u.id),
    );
    // The invoice e-mail is the customer's too: its invoice mails go (the issued invoices stay, as legal records).
    await this.#mail.removeAddressedTo(tx, [
      ...users.map((u) => u.email),
      ...(c.invoiceEmail ? [c.invoiceEmail] : []),
    ]);
    // Users, sessions, links, subscriptions, pending changes and card billing go with the row (ON DELETE
    // CASCADE); redeemed project keys stay, without the customer, so that a key is never redeemed twice.
    await repo.deleteCustomer(tx, c.id);
    await this.#audit.record(tx, {
      actor: null,
      action: 'customer.purged',
      objectType: 'customer',
      objectId: c.id,
      // The final invoice's outcome is told here: entries about the customer lose their details in the redaction.
      after: {
        billingRecordKept: billing.billingRecordKept,
        finalInvoices: billing.finalInvoice.numbers,
        notInvoiced: billing.finalInvoice.notInvoiced,
      },
    });
    await this.#notifyProvider(tx, c, now, billing);
  }

  /** The confirmation goes to the provider's notification address. */
  async #notifyProvider(tx: Tx, c: CustomerRecord, purgedAt: Date, billing: ClosedBilling): Promise<void> {
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
        billingRecordKept: billing.billingRecordKept,
        finalInvoices: billing.finalInvoice.numbers,
        notInvoiced: billing.finalInvoice.notInvoiced,
      },
    });
  }
}

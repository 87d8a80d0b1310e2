import type { Database } from '../../db/connection.ts';
import { notFound } from '../../lib/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { MailService } from '../mail/mail.service.ts';
import { queueInvoiceMail } from './invoice-mails.ts';
import * as repo from './invoice-rendering.repository.ts';
import { documentsPending } from './invoices.service.ts';

/**
 * `Send by e-mail`: an admin sends an invoice's or credit note's mail with its PDF (again), to the buyer's
 * address or another one: for an invoice issued while no mail server was set up or the customer had no
 * address, or one the customer cannot find. The mail is the one issuing sends, queued in the outbox like any.
 */
export class InvoiceMailingService {
  readonly #db: Database;
  readonly #mail: MailService;
  readonly #audit: AuditService;

  constructor(deps: { db: Database; mail: MailService; audit: AuditService }) {
    this.#db = deps.db;
    this.#mail = deps.mail;
    this.#audit = deps.audit;
  }

  /** Refused while the documents are not stored yet (the mail carries the PDF) or no mail server is set up. */
  async send(actor: Actor, id: string, input: { to: string }): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const invoice = await repo.findDocumentRow(tx, id);
      if (!invoice) throw notFound('The invoice');
      if (!invoice.rendered) throw documentsPending(invoice.number);
      const mailId = await queueInvoiceMail(this.#mail, tx, invoice, input.to);
      await this.#audit.record(tx, {
        actor,
        action: 'invoice.mailed',
        objectType: 'invoice',
        objectId: id,
        after: { number: invoice.number, mailId, detail: input.to },
      });
    });
  }
}

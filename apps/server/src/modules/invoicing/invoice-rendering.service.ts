import type { Database, Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuditEvent, AuditService } from '../audit/audit.service.ts';
import type { MailService } from '../mail/mail.service.ts';
import type { CompanySettingsService } from './company-settings.service.ts';
import { type InvoiceDocuments, renderInvoiceDocuments } from './documents/invoice-documents.ts';
import { queueInvoiceMail } from './invoice-mails.ts';
import * as repo from './invoice-rendering.repository.ts';

/**
 * Invoices per round: read, rendered together (the renderer spreads them over its worker threads), stored in
 * one short transaction. Large enough to keep the workers busy and the transactions few.
 */
const BATCH_SIZE = 20;

/**
 * Renders issued invoices' and credit notes' documents (the CII XML and the PDF/A-3 with it embedded) after
 * issue, stores them once, and mails each to its buyer with the PDF attached. Issuing stays fast (100,000
 * invoices in one run) and the documents follow within seconds, by the job that the issuer sends.
 *
 * No transaction is open while documents render (a batch takes about a second of CPU): on the embedded
 * database, which has one connection, an open transaction makes every request wait, and on PostgreSQL it
 * would hold row locks that long. A batch is read without locks, rendered, then stored in one short
 * transaction that keeps only the first rendering of each row (`rendered_at is null`) and queues the mail
 * with it, so a PDF is stored and mailed exactly once however many runs overlap. Overlapping runs may
 * render the same invoices twice and throw one rendering away; that is accepted rather than claiming rows
 * with a lease column, because runs rarely overlap (the job keeps one active run per queue, 'stately') and a
 * lease would add a schema change and an expiry to tune for a rare case.
 */
export class InvoiceRenderingService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #mail: MailService;
  readonly #audit: AuditService;
  readonly #companySettings: CompanySettingsService;
  readonly #render: typeof renderInvoiceDocuments;

  constructor(deps: {
    db: Database;
    clock: Clock;
    mail: MailService;
    audit: AuditService;
    companySettings: CompanySettingsService;
    /** The document renderer; the worker-thread pool unless a test needs to see what happens meanwhile. */
    render?: typeof renderInvoiceDocuments;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#mail = deps.mail;
    this.#audit = deps.audit;
    this.#companySettings = deps.companySettings;
    this.#render = deps.render ?? renderInvoiceDocuments;
  }

  /**
   * Renders every invoice without documents, batch by batch, until none is left that this run can take.
   * A document that fails to render does not hold back the others: it is left out for the rest of the run,
   * and the run then fails naming it, so that the job's retries (and the next scheduled run) try it again.
   */
  async renderPending(): Promise<{ rendered: number }> {
    const { logoDataUrl } = (await this.#companySettings.view()).settings;
    /** Invoice id → its number and why it failed, in this run. */
    const failures = new Map<string, { number: string; error: string }>();
    let rendered = 0;
    for (;;) {
      const batch = await repo.findUnrendered(this.#db, BATCH_SIZE, [...failures.keys()]);
      if (!batch.length) break;
      // All at once: the renderer spreads a batch over its worker threads. No transaction is open meanwhile.
      const results = await Promise.allSettled(
        batch.map((invoice) => this.#render(invoice.document, { logoDataUrl })),
      );
      const done: Rendered[] = [];
      for (const [i, invoice] of batch.entries()) {
        const result = results[i];
        if (result?.status === 'fulfilled') done.push({ invoice, documents: result.value });
        else {
          const error: unknown = result?.reason;
          failures.set(invoice.id, {
            number: invoice.number,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
      if (done.length) rendered += await this.#db.transaction((tx) => this.#store(tx, done));
      if (batch.length < BATCH_SIZE) break;
    }
    if (failures.size) {
      const list = [...failures.values()].map((f) => `${f.number}: ${f.error}`).join('; ');
      throw new Error(`invoices.render: ${failures.size} documents could not be rendered: ${list}`);
    }
    return { rendered };
  }

  /** Stores a batch's documents, each only if no other run stored it first, and queues the mails; how many. */
  async #store(tx: Tx, done: Rendered[]): Promise<number> {
    const mailable = await this.#mail.isConfigured(tx);
    const now = this.#clock.now();
    const events: AuditEvent[] = [];
    let stored = 0;
    for (const { invoice, documents } of done) {
      if (!(await repo.storeRendering(tx, invoice.id, { ...documents, renderedAt: now }))) continue;
      const to = invoice.document.buyer.email.trim();
      const mailId = mailable && to ? await queueInvoiceMail(this.#mail, tx, invoice, to) : null;
      events.push(
        renderedEvent(
          invoice,
          mailId ? null : !to ? 'Not mailed: no e-mail address' : 'Not mailed: no mail server',
        ),
      );
      if (mailId) events.push(mailedEvent(invoice, to, mailId));
      stored += 1;
    }
    if (events.length) await this.#audit.recordMany(tx, events);
    return stored;
  }
}

interface Rendered {
  invoice: repo.InvoiceDocumentRow;
  documents: InvoiceDocuments;
}

/** The invoice's history (details) shows both: its documents exist, and where they were mailed. */
function renderedEvent(invoice: repo.InvoiceDocumentRow, detail: string | null): AuditEvent {
  return {
    actor: null,
    action: 'invoice.rendered',
    objectType: 'invoice',
    objectId: invoice.id,
    after: { number: invoice.number, detail },
  };
}

function mailedEvent(invoice: repo.InvoiceDocumentRow, to: string, mailId: string): AuditEvent {
  return {
    actor: null,
    action: 'invoice.mailed',
    objectType: 'invoice',
    objectId: invoice.id,
    after: { number: invoice.number, mailId, detail: to },
  };
}

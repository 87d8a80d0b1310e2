import type { Database, Executor, Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuditEvent, AuditService } from '../audit/audit.service.ts';
import type { AttachmentSource, MailAttachment, MailService } from '../mail/mail.service.ts';
import type { CompanySettingsService } from './company-settings.service.ts';
import { renderInvoiceDocuments } from './documents/invoice-documents.ts';
import * as repo from './invoice-rendering.repository.ts';

/**
 * Invoices per transaction. A batch holds its rows' locks while its PDFs are rendered (in parallel, tens of ms
 * each), and on the embedded database the one connection: small enough that nothing else waits long, large
 * enough to keep the renderer's worker threads busy and the transaction overhead small.
 */
const BATCH_SIZE = 20;

/** The kind of mail attachment whose bytes are an invoice's stored PDF (registered with the mail module in app.ts). */
export const INVOICE_PDF_ATTACHMENT = 'invoice-pdf';

/** Lends invoices' stored PDFs to the mails that carry them, read when a mail goes out. */
export const invoicePdfAttachments: AttachmentSource = {
  async load(executor: Executor, invoiceId: string) {
    const pdf = await repo.findInvoicePdf(executor, invoiceId);
    if (!pdf) throw new Error(`The PDF of invoice ${invoiceId} is not stored`);
    return pdf;
  },
};

/** The PDF's file name: the number, with any character a mail client or file system might trip over replaced. */
export const pdfFilename = (number: string) => `${number.replace(/[^A-Za-z0-9._-]+/g, '-')}.pdf`;

/**
 * Renders issued invoices' and credit notes' documents (the CII XML and the PDF/A-3 with it embedded) after
 * issue, stores them once, and mails each to its buyer with the PDF attached. Issuing stays fast (100,000
 * invoices in one run) and the documents follow within seconds, by the job that the issuer sends.
 */
export class InvoiceRenderingService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #mail: MailService;
  readonly #audit: AuditService;
  readonly #companySettings: CompanySettingsService;

  constructor(deps: {
    db: Database;
    clock: Clock;
    mail: MailService;
    audit: AuditService;
    companySettings: CompanySettingsService;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#mail = deps.mail;
    this.#audit = deps.audit;
    this.#companySettings = deps.companySettings;
  }

  /**
   * Renders every invoice without documents, batch by batch, until none is left that this run can take.
   * A document that fails to render does not hold back the others: it is left out for the rest of the run,
   * and the run then fails naming it, so that the job's retries (and the next scheduled run) try it again.
   */
  async renderPending(): Promise<{ rendered: number }> {
    // Read before any batch: on the embedded database a read outside the batch's transaction would wait for it.
    const { logoDataUrl } = (await this.#companySettings.view()).settings;
    /** Invoice id → its number and why it failed, in this run. */
    const failures = new Map<string, { number: string; error: string }>();
    let rendered = 0;
    for (;;) {
      const batch = await this.#db.transaction((tx) => this.#renderBatch(tx, logoDataUrl, failures));
      rendered += batch.rendered;
      if (batch.taken < BATCH_SIZE) break;
    }
    if (failures.size) {
      const list = [...failures.values()].map((f) => `${f.number}: ${f.error}`).join('; ');
      throw new Error(`invoices.render: ${failures.size} documents could not be rendered: ${list}`);
    }
    return { rendered };
  }

  async #renderBatch(
    tx: Tx,
    logoDataUrl: string | null,
    failures: Map<string, { number: string; error: string }>,
  ): Promise<{ taken: number; rendered: number }> {
    const batch = await repo.lockUnrendered(tx, BATCH_SIZE, [...failures.keys()]);
    if (!batch.length) return { taken: 0, rendered: 0 };
    const mailable = await this.#mail.isConfigured(tx);
    const now = this.#clock.now();
    const events: AuditEvent[] = [];
    let rendered = 0;
    // All at once: the renderer spreads a batch over its worker threads.
    const results = await Promise.allSettled(
      batch.map((invoice) => renderInvoiceDocuments(invoice.document, { logoDataUrl })),
    );
    for (const [i, invoice] of batch.entries()) {
      const result = results[i];
      if (result?.status !== 'fulfilled') {
        const error: unknown = result?.reason;
        failures.set(invoice.id, {
          number: invoice.number,
          error: error instanceof Error ? error.message : String(error),
        });
        continue;
      }
      const documents = result.value;
      const to = invoice.document.buyer.email.trim();
      const mailId = mailable && to ? await this.#queueMail(tx, invoice, to) : null;
      await repo.storeRendering(tx, invoice.id, { ...documents, mailId, renderedAt: now });
      events.push(
        renderedEvent(
          invoice,
          mailId ? null : !to ? 'Not mailed: no e-mail address' : 'Not mailed: no mail server',
        ),
      );
      if (mailId) events.push(mailedEvent(invoice, to, mailId));
      rendered += 1;
    }
    if (events.length) await this.#audit.recordMany(tx, events);
    return { taken: batch.length, rendered };
  }

  #queueMail(tx: Tx, invoice: repo.UnrenderedInvoice, to: string): Promise<string> {
    const doc = invoice.document;
    const attachments: MailAttachment[] = [
      {
        filename: pdfFilename(invoice.number),
        contentType: 'application/pdf',
        source: { kind: INVOICE_PDF_ATTACHMENT, id: invoice.id },
      },
    ];
    const common = { to, locale: doc.language, attachments };
    if (invoice.kind === 'credit-note') {
      return this.#mail.enqueue(tx, {
        ...common,
        template: 'credit-note-issued',
        params: {
          sellerName: doc.seller.name,
          number: doc.number,
          invoiceNumber: doc.precedingInvoice?.number ?? '',
          grossMinor: doc.totals.grossMinor,
          currency: doc.currency,
          reason: invoice.reason ?? '',
        },
      });
    }
    return this.#mail.enqueue(tx, {
      ...common,
      template: 'invoice-issued',
      params: {
        sellerName: doc.seller.name,
        number: doc.number,
        billingMonth: doc.billingMonth,
        grossMinor: doc.totals.grossMinor,
        currency: doc.currency,
        dueDate: doc.dueDate,
        iban: doc.seller.iban,
        bic: doc.seller.bic,
        bankName: doc.seller.bankName,
      },
    });
  }
}

/** The invoice's history (details) shows both: its documents exist, and where they were mailed. */
function renderedEvent(invoice: repo.UnrenderedInvoice, detail: string | null): AuditEvent {
  return {
    actor: null,
    action: 'invoice.rendered',
    objectType: 'invoice',
    objectId: invoice.id,
    after: { number: invoice.number, detail },
  };
}

function mailedEvent(invoice: repo.UnrenderedInvoice, to: string, mailId: string): AuditEvent {
  return {
    actor: null,
    action: 'invoice.mailed',
    objectType: 'invoice',
    objectId: invoice.id,
    after: { number: invoice.number, mailId, detail: to },
  };
}

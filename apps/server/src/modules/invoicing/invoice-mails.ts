import type { Executor, Tx } from '../../db/connection.ts';
import type { AttachmentSource, MailAttachment, MailService } from '../mail/mail.service.ts';
import * as repo from './invoice-rendering.repository.ts';

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
 * Queues the mail of an invoice or credit note to `to`, in the buyer's language, with the stored PDF attached
 * by reference (read when the mail goes out), and links the invoice to it; answers the mail's id. Refused
 * (MAIL_NOT_CONFIGURED) while no mail server is set up.
 */
export async function queueInvoiceMail(
  mail: MailService,
  tx: Tx,
  invoice: repo.InvoiceDocumentRow,
  to: string,
): Promise<string> {
  const doc = invoice.document;
  const attachments: MailAttachment[] = [
    {
      filename: pdfFilename(invoice.number),
      contentType: 'application/pdf',
      source: { kind: INVOICE_PDF_ATTACHMENT, id: invoice.id },
    },
  ];
  const common = { to, locale: doc.language, attachments };
  const mailId =
    invoice.kind === 'credit-note'
      ? await mail.enqueue(tx, {
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
        })
      : await mail.enqueue(tx, {
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
  await repo.setMail(tx, invoice.id, mailId);
  return mailId;
}

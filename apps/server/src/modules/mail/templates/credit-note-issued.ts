import { html, paragraph } from './html.ts';
import type { MailTemplate } from './template.ts';

export interface CreditNoteIssuedParams {
  /** The issuer (Settings → Company's company name). */
  sellerName: string;
  number: string;
  /** The invoice it credits. */
  invoiceNumber: string;
  /** The gross credited, in minor units of `currency`. */
  grossMinor: number;
  currency: string;
  reason: string;
}

/** To the customer's invoice address (else its main user) when an admin issues a credit note, with its PDF attached. */
export const creditNoteIssued: MailTemplate<CreditNoteIssuedParams> = {
  en: (p, ctx) => {
    const intro = `Please find attached credit note ${p.number} from ${p.sellerName} for invoice ${p.invoiceNumber}, over ${ctx.formatMoney(p.grossMinor, p.currency)}.`;
    const reason = `Reason: ${p.reason}`;
    const einvoice =
      'The PDF contains the credit note as an e-invoice (EN 16931, ZUGFeRD / Factur-X) as well. You also find it in the portal under Invoices.';
    return {
      subject: `Credit note ${p.number} for invoice ${p.invoiceNumber}`,
      html: html`${paragraph('Hello,')}${paragraph(intro)}${paragraph(reason)}${paragraph(einvoice)}`,
      text: `Hello,\n\n${intro}\n\n${reason}\n\n${einvoice}`,
    };
  },
  de: (p, ctx) => {
    const intro = `anbei erhalten Sie die Gutschrift ${p.number} von ${p.sellerName} zur Rechnung ${p.invoiceNumber} über ${ctx.formatMoney(p.grossMinor, p.currency)}.`;
    const reason = `Grund: ${p.reason}`;
    const einvoice =
      'Die PDF-Datei enthält die Gutschrift auch als E-Rechnung (EN 16931, ZUGFeRD / Factur-X). Sie finden sie außerdem im Portal unter Rechnungen.';
    return {
      subject: `Gutschrift ${p.number} zur Rechnung ${p.invoiceNumber}`,
      html: html`${paragraph('Guten Tag,')}${paragraph(intro)}${paragraph(reason)}${paragraph(einvoice)}`,
      text: `Guten Tag,\n\n${intro}\n\n${reason}\n\n${einvoice}`,
    };
  },
};

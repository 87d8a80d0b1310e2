import { html, paragraph } from './html.ts';
import type { MailTemplate } from './template.ts';

export interface InvoiceIssuedParams {
  /** The issuer (Settings → Company's company name). */
  sellerName: string;
  number: string;
  /** The billing month invoiced, `YYYY-MM`. */
  billingMonth: string;
  /** What is due, in minor units of `currency`. */
  grossMinor: number;
  currency: string;
  /** `YYYY-MM-DD`, in the provider's time zone. */
  dueDate: string;
  iban: string;
  bic: string;
  bankName: string;
}

/** To the customer's invoice address (else its main user) when a monthly invoice is issued, with its PDF attached. */
export const invoiceIssued: MailTemplate<InvoiceIssuedParams> = {
  en: (p, ctx) => {
    const intro = `Please find attached invoice ${p.number} from ${p.sellerName} for ${ctx.formatMonth(p.billingMonth)}, over ${ctx.formatMoney(p.grossMinor, p.currency)}.`;
    const pay = `Payable by bank transfer by ${ctx.formatDate(p.dueDate)}, quoting the invoice number ${p.number}:`;
    const bank = [`Bank: ${p.bankName}`, `IBAN: ${p.iban}`, `BIC: ${p.bic}`];
    const einvoice =
      'The PDF contains the invoice as an e-invoice (EN 16931, ZUGFeRD / Factur-X) as well. You also find it in the portal under Invoices.';
    return {
      subject: `Invoice ${p.number} for ${ctx.formatMonth(p.billingMonth)}`,
      html: html`${paragraph('Hello,')}${paragraph(intro)}${paragraph(pay)}${paragraph(
        html`${bank.map((line, i) => html`${i ? html`<br>` : ''}${line}`)}`,
      )}${paragraph(einvoice)}`,
      text: `Hello,\n\n${intro}\n\n${pay}\n${bank.join('\n')}\n\n${einvoice}`,
    };
  },
  de: (p, ctx) => {
    const intro = `anbei erhalten Sie die Rechnung ${p.number} von ${p.sellerName} für ${ctx.formatMonth(p.billingMonth)} über ${ctx.formatMoney(p.grossMinor, p.currency)}.`;
    const pay = `Zahlbar per Überweisung bis zum ${ctx.formatDate(p.dueDate)} unter Angabe der Rechnungsnummer ${p.number}:`;
    const bank = [`Bank: ${p.bankName}`, `IBAN: ${p.iban}`, `BIC: ${p.bic}`];
    const einvoice =
      'Die PDF-Datei enthält die Rechnung auch als E-Rechnung (EN 16931, ZUGFeRD / Factur-X). Sie finden sie außerdem im Portal unter Rechnungen.';
    return {
      subject: `Rechnung ${p.number} für ${ctx.formatMonth(p.billingMonth)}`,
      html: html`${paragraph('Guten Tag,')}${paragraph(intro)}${paragraph(pay)}${paragraph(
        html`${bank.map((line, i) => html`${i ? html`<br>` : ''}${line}`)}`,
      )}${paragraph(einvoice)}`,
      text: `Guten Tag,\n\n${intro}\n\n${pay}\n${bank.join('\n')}\n\n${einvoice}`,
    };
  },
};

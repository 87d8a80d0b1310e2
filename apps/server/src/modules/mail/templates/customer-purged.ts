import { html, paragraph } from './html.ts';
import type { MailTemplate } from './template.ts';

export interface CustomerPurgedParams {
  companyName: string;
  customerId: string;
  /** ISO-8601 instant of the purge. */
  purgedAt: string;
  /** Whether a billing record of the running period was kept. */
  billingRecordKept: boolean;
  /** The numbers of its final invoices: the months not invoiced yet, the one it left in included. */
  finalInvoices: string[];
  /** Why no final invoice could be issued, when one was due. */
  notInvoiced: string | null;
}

/** To the provider when a customer's data is gone. */
export const customerPurged: MailTemplate<CustomerPurgedParams> = {
  en: (p, ctx) => {
    const done = `All data of ${p.companyName} (customer ${p.customerId}) was deleted on ${ctx.formatInstant(p.purgedAt)}: its users, team, addresses and settings.`;
    const invoiced = p.finalInvoices.length
      ? `${p.finalInvoices.length > 1 ? 'Its final invoices' : 'Its final invoice'} ${p.finalInvoices.join(', ')} ${p.finalInvoices.length > 1 ? 'were' : 'was'} issued, the current month billed to its end, and mailed to the customer.`
      : p.notInvoiced
        ? `No final invoice could be issued: ${p.notInvoiced} Invoice the month by hand from the billing record.`
        : 'Nothing was left to invoice.';
    const kept = p.billingRecordKept
      ? `${invoiced} A billing record of the current billing period was kept, without personal data.`
      : invoiced;
    return {
      subject: `Customer ${p.companyName} deleted`,
      html: html`${paragraph(done)}${paragraph(kept)}`,
      text: `${done}\n\n${kept}`,
    };
  },
  de: (p, ctx) => {
    const done = `Alle Daten von ${p.companyName} (Kunde ${p.customerId}) wurden am ${ctx.formatInstant(p.purgedAt)} gelöscht: Benutzer, Team, Adressen und Einstellungen.`;
    const invoiced = p.finalInvoices.length
      ? `${p.finalInvoices.length > 1 ? 'Die Schlussrechnungen' : 'Die Schlussrechnung'} ${p.finalInvoices.join(', ')} ${p.finalInvoices.length > 1 ? 'wurden' : 'wurde'} ausgestellt, der laufende Monat bis zu seinem Ende, und dem Kunden gemailt.`
      : p.notInvoiced
        ? `Es konnte keine Schlussrechnung ausgestellt werden: ${p.notInvoiced} Rechnen Sie den Monat anhand des Abrechnungsdatensatzes von Hand ab.`
        : 'Es blieb nichts abzurechnen.';
    const kept = p.billingRecordKept
      ? `${invoiced} Ein Abrechnungsdatensatz des laufenden Abrechnungszeitraums wurde ohne personenbezogene Daten aufbewahrt.`
      : invoiced;
    return {
      subject: `Kunde ${p.companyName} gelöscht`,
      html: html`${paragraph(done)}${paragraph(kept)}`,
      text: `${done}\n\n${kept}`,
    };
  },
};

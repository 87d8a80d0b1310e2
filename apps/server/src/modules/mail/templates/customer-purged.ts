import { html, paragraph } from './html.ts';
import type { MailTemplate } from './template.ts';

export interface CustomerPurgedParams {
  companyName: string;
  customerId: string;
  /** ISO-8601 instant of the purge. */
  purgedAt: string;
  /** Whether a billing record of the running period was kept for invoicing. */
  billingRecordKept: boolean;
}

/** To the provider when a customer's data is gone. */
export const customerPurged: MailTemplate<CustomerPurgedParams> = {
  en: (p, ctx) => {
    const done = `All data of ${p.companyName} (customer ${p.customerId}) was deleted on ${ctx.formatInstant(p.purgedAt)}: its users, team, addresses and settings.`;
    const kept = p.billingRecordKept
      ? 'A billing record of the current billing period was kept, without personal data, so that the month can still be invoiced.'
      : 'It had no running subscription: nothing is left to invoice.';
    return {
      subject: `Customer ${p.companyName} deleted`,
      html: html`${paragraph(done)}${paragraph(kept)}`,
      text: `${done}\n\n${kept}`,
    };
  },
  de: (p, ctx) => {
    const done = `Alle Daten von ${p.companyName} (Kunde ${p.customerId}) wurden am ${ctx.formatInstant(p.purgedAt)} gelöscht: Benutzer, Team, Adressen und Einstellungen.`;
    const kept = p.billingRecordKept
      ? 'Ein Abrechnungsdatensatz des laufenden Abrechnungszeitraums wurde ohne personenbezogene Daten aufbewahrt, damit der Monat noch abgerechnet werden kann.'
      : 'Es lief kein Abonnement: Es bleibt nichts abzurechnen.';
    return {
      subject: `Kunde ${p.companyName} gelöscht`,
      html: html`${paragraph(done)}${paragraph(kept)}`,
      text: `${done}\n\n${kept}`,
    };
  },
};

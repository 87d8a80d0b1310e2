import { html, paragraph } from './html.ts';
import type { MailTemplate } from './template.ts';

export interface ProjectKeyTermEndingParams {
  companyName: string;
  keyId: string;
  ips: number;
  /** ISO-8601 instant at which the subscription paid by the key ends. */
  termEndsAt: string;
}

/** To the provider, 30 days before a project key's term ends: time to sell the customer a new key. */
export const projectKeyTermEnding: MailTemplate<ProjectKeyTermEndingParams> = {
  en: (p, ctx) => {
    const intro = `The project key ${p.keyId} of ${p.companyName} (${p.ips} IPs) ends on ${ctx.formatInstant(p.termEndsAt)}.`;
    const next =
      'Its subscription ends then. To continue it, redeem a new project key for the customer (Billing → Add Project Key).';
    return {
      subject: `Project key of ${p.companyName} ends in 30 days`,
      html: html`${paragraph(intro)}${paragraph(next)}`,
      text: `${intro}\n\n${next}`,
    };
  },
  de: (p, ctx) => {
    const intro = `Der Projektschlüssel ${p.keyId} von ${p.companyName} (${p.ips} IPs) endet am ${ctx.formatInstant(p.termEndsAt)}.`;
    const next =
      'Dann endet auch sein Abonnement. Um es fortzusetzen, lösen Sie für den Kunden einen neuen Projektschlüssel ein (Billing → Add Project Key).';
    return {
      subject: `Projektschlüssel von ${p.companyName} endet in 30 Tagen`,
      html: html`${paragraph(intro)}${paragraph(next)}`,
      text: `${intro}\n\n${next}`,
    };
  },
};

import { button, html, paragraph } from './html.ts';
import type { MailTemplate } from './template.ts';

export interface EmailVerificationParams {
  verifyUrl: string;
  companyName: string;
  contactName: string;
  /** ISO-8601 instant after which the link no longer works. */
  expiresAt: string;
}

export const emailVerification: MailTemplate<EmailVerificationParams> = {
  en: (p, ctx) => {
    const greeting = `Hello ${p.contactName},`;
    const intro = `thank you for registering ${p.companyName} with vMSP Portal. Confirm your e-mail address to activate the account:`;
    const validity = `The link works once and expires on ${ctx.formatInstant(p.expiresAt)}.`;
    const ignore = 'If you did not register, you can ignore this mail; the account stays inactive.';
    return {
      subject: 'Confirm your e-mail address for vMSP Portal',
      html: html`${paragraph(greeting)}${paragraph(intro)}${button(p.verifyUrl, 'Confirm e-mail address')}${paragraph(validity)}${paragraph(ignore)}`,
      text: `${greeting}\n\n${intro}\n${p.verifyUrl}\n\n${validity}\n\n${ignore}`,
    };
  },
  de: (p, ctx) => {
    const greeting = `Hallo ${p.contactName},`;
    const intro = `danke, dass Sie ${p.companyName} im vMSP Portal registriert haben. Bestätigen Sie Ihre E-Mail-Adresse, um das Konto zu aktivieren:`;
    const validity = `Der Link kann einmal verwendet werden und läuft am ${ctx.formatInstant(p.expiresAt)} ab.`;
    const ignore =
      'Falls Sie sich nicht registriert haben, können Sie diese E-Mail ignorieren; das Konto bleibt inaktiv.';
    return {
      subject: 'Bestätigen Sie Ihre E-Mail-Adresse für das vMSP Portal',
      html: html`${paragraph(greeting)}${paragraph(intro)}${button(p.verifyUrl, 'E-Mail-Adresse bestätigen')}${paragraph(validity)}${paragraph(ignore)}`,
      text: `${greeting}\n\n${intro}\n${p.verifyUrl}\n\n${validity}\n\n${ignore}`,
    };
  },
};

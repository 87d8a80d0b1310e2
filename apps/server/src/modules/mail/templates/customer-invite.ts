import { button, html, paragraph } from './html.ts';
import type { MailTemplate } from './template.ts';

export interface CustomerInviteParams {
  inviteUrl: string;
  companyName: string;
  contactName: string;
  /** ISO-8601 instant after which the link no longer works. */
  expiresAt: string;
}

export const customerInvite: MailTemplate<CustomerInviteParams> = {
  en: (p, ctx) => {
    const greeting = `Hello ${p.contactName},`;
    const intro = `an account for ${p.companyName} has been set up for you in vMSP Portal.`;
    const validity = `The link works once and expires on ${ctx.formatInstant(p.expiresAt)}.`;
    const ignore = 'If you did not expect this invitation, you can ignore this mail.';
    return {
      subject: `Your invitation to vMSP Portal for ${p.companyName}`,
      html: html`${paragraph(greeting)}${paragraph(intro)}${paragraph('Choose your password to register:')}${button(p.inviteUrl, 'Register')}${paragraph(validity)}${paragraph(ignore)}`,
      text: `${greeting}\n\n${intro}\n\nChoose your password to register:\n${p.inviteUrl}\n\n${validity}\n\n${ignore}`,
    };
  },
  de: (p, ctx) => {
    const greeting = `Hallo ${p.contactName},`;
    const intro = `für ${p.companyName} wurde für Sie ein Konto im vMSP Portal eingerichtet.`;
    const validity = `Der Link kann einmal verwendet werden und läuft am ${ctx.formatInstant(p.expiresAt)} ab.`;
    const ignore = 'Falls Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.';
    return {
      subject: `Ihre Einladung zum vMSP Portal für ${p.companyName}`,
      html: html`${paragraph(greeting)}${paragraph(intro)}${paragraph('Wählen Sie Ihr Passwort, um sich zu registrieren:')}${button(p.inviteUrl, 'Registrieren')}${paragraph(validity)}${paragraph(ignore)}`,
      text: `${greeting}\n\n${intro}\n\nWählen Sie Ihr Passwort, um sich zu registrieren:\n${p.inviteUrl}\n\n${validity}\n\n${ignore}`,
    };
  },
};

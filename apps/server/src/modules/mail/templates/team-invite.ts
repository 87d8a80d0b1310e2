import { button, html, paragraph } from './html.ts';
import type { MailTemplate } from './template.ts';

export interface TeamInviteParams {
  inviteUrl: string;
  companyName: string;
  /** The inviting main user's e-mail address. */
  invitedBy: string;
  /** ISO-8601 instant after which the link no longer works. */
  expiresAt: string;
}

/** A main user invites a member to the team of their company. */
export const teamInvite: MailTemplate<TeamInviteParams> = {
  en: (p, ctx) => {
    const intro = `${p.invitedBy} has invited you to join the team of ${p.companyName} in vMSP Portal.`;
    const validity = `The link works once and expires on ${ctx.formatInstant(p.expiresAt)}.`;
    const ignore = 'If you did not expect this invitation, you can ignore this mail.';
    return {
      subject: `Join the team of ${p.companyName} in vMSP Portal`,
      html: html`${paragraph(intro)}${paragraph('Choose your password to accept the invitation:')}${button(p.inviteUrl, 'Accept invitation')}${paragraph(validity)}${paragraph(ignore)}`,
      text: `${intro}\n\nChoose your password to accept the invitation:\n${p.inviteUrl}\n\n${validity}\n\n${ignore}`,
    };
  },
  de: (p, ctx) => {
    const intro = `${p.invitedBy} hat Sie in das Team von ${p.companyName} im vMSP Portal eingeladen.`;
    const validity = `Der Link kann einmal verwendet werden und läuft am ${ctx.formatInstant(p.expiresAt)} ab.`;
    const ignore = 'Falls Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.';
    return {
      subject: `Treten Sie dem Team von ${p.companyName} im vMSP Portal bei`,
      html: html`${paragraph(intro)}${paragraph('Wählen Sie Ihr Passwort, um die Einladung anzunehmen:')}${button(p.inviteUrl, 'Einladung annehmen')}${paragraph(validity)}${paragraph(ignore)}`,
      text: `${intro}\n\nWählen Sie Ihr Passwort, um die Einladung anzunehmen:\n${p.inviteUrl}\n\n${validity}\n\n${ignore}`,
    };
  },
};

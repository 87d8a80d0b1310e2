import { button, html, paragraph } from './html.ts';
import type { MailTemplate } from './template.ts';

export interface AdminInviteParams {
  inviteUrl: string;
  /** The inviting admin's e-mail address. */
  invitedBy: string;
  /** ISO-8601 instant after which the link no longer works. */
  expiresAt: string;
}

export const adminInvite: MailTemplate<AdminInviteParams> = {
  en: (p, ctx) => {
    const expires = ctx.formatInstant(p.expiresAt);
    const intro = `${p.invitedBy} has invited you to become an administrator of vMSP Portal.`;
    const validity = `The link works once and expires on ${expires}.`;
    const ignore = 'If you did not expect this invitation, you can ignore this mail.';
    return {
      subject: 'Your invitation to vMSP Portal',
      html: html`${paragraph(intro)}${paragraph('Choose your password to accept the invitation:')}${button(p.inviteUrl, 'Accept invitation')}${paragraph(validity)}${paragraph(ignore)}`,
      text: `${intro}\n\nChoose your password to accept the invitation:\n${p.inviteUrl}\n\n${validity}\n\n${ignore}`,
    };
  },
  de: (p, ctx) => {
    const expires = ctx.formatInstant(p.expiresAt);
    const intro = `${p.invitedBy} hat Sie eingeladen, Administrator des vMSP Portals zu werden.`;
    const validity = `Der Link kann einmal verwendet werden und läuft am ${expires} ab.`;
    const ignore = 'Falls Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.';
    return {
      subject: 'Ihre Einladung zum vMSP Portal',
      html: html`${paragraph(intro)}${paragraph('Wählen Sie Ihr Passwort, um die Einladung anzunehmen:')}${button(p.inviteUrl, 'Einladung annehmen')}${paragraph(validity)}${paragraph(ignore)}`,
      text: `${intro}\n\nWählen Sie Ihr Passwort, um die Einladung anzunehmen:\n${p.inviteUrl}\n\n${validity}\n\n${ignore}`,
    };
  },
};

import { button, html, paragraph } from './html.ts';
import type { MailTemplate } from './template.ts';

export interface PasswordResetParams {
  resetUrl: string;
  /** ISO-8601 instant after which the link no longer works. */
  expiresAt: string;
}

export const passwordReset: MailTemplate<PasswordResetParams> = {
  en: (p, ctx) => {
    const intro = 'Someone asked to reset the password of your vMSP Portal account. Choose a new password:';
    const validity = `The link works once and expires on ${ctx.formatInstant(p.expiresAt)}. Setting a new password signs you out everywhere.`;
    const ignore = 'If you did not ask for this, you can ignore this mail; your password stays as it is.';
    return {
      subject: 'Reset your vMSP Portal password',
      html: html`${paragraph(intro)}${button(p.resetUrl, 'Choose a new password')}${paragraph(validity)}${paragraph(ignore)}`,
      text: `${intro}\n${p.resetUrl}\n\n${validity}\n\n${ignore}`,
    };
  },
  de: (p, ctx) => {
    const intro =
      'Jemand hat angefordert, das Passwort Ihres Kontos im vMSP Portal zurückzusetzen. Wählen Sie ein neues Passwort:';
    const validity = `Der Link kann einmal verwendet werden und läuft am ${ctx.formatInstant(p.expiresAt)} ab. Mit dem neuen Passwort werden Sie überall abgemeldet.`;
    const ignore =
      'Falls Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren; Ihr Passwort bleibt unverändert.';
    return {
      subject: 'Passwort für das vMSP Portal zurücksetzen',
      html: html`${paragraph(intro)}${button(p.resetUrl, 'Neues Passwort wählen')}${paragraph(validity)}${paragraph(ignore)}`,
      text: `${intro}\n${p.resetUrl}\n\n${validity}\n\n${ignore}`,
    };
  },
};

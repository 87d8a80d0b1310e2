import { paragraph } from './html.ts';
import type { MailTemplate } from './template.ts';

export type TestMailParams = Record<string, never>;

export const testMail: MailTemplate<TestMailParams> = {
  en: () => {
    const body = 'This is a test mail from vMSP Portal. If you can read it, the mail server settings work.';
    return { subject: 'Test mail from vMSP Portal', html: paragraph(body), text: body };
  },
  de: () => {
    const body =
      'Dies ist eine Testnachricht vom vMSP Portal. Wenn Sie sie lesen können, funktionieren die Einstellungen des Mailservers.';
    return { subject: 'Testnachricht vom vMSP Portal', html: paragraph(body), text: body };
  },
};

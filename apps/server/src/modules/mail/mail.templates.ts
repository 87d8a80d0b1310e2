import type { Locale } from '@vmsp/contracts';
import { type AdminInviteParams, adminInvite } from './templates/admin-invite.ts';
import { type CustomerInviteParams, customerInvite } from './templates/customer-invite.ts';
import { type CustomerPurgedParams, customerPurged } from './templates/customer-purged.ts';
import { type EmailVerificationParams, emailVerification } from './templates/email-verification.ts';
import { layout } from './templates/html.ts';
import { type PasswordResetParams, passwordReset } from './templates/password-reset.ts';
import {
  type ProjectKeyTermEndingParams,
  projectKeyTermEnding,
} from './templates/project-key-term-ending.ts';
import { type TeamInviteParams, teamInvite } from './templates/team-invite.ts';
import type { MailTemplate, TemplateContext } from './templates/template.ts';
import { type TestMailParams, testMail } from './templates/test.ts';

/**
 * Every mail the portal sends, with its parameters. To add one: write templates/<name>.ts (English and
 * German), add it here and to `templates` below; the compiler then checks every `enqueue` of it.
 */
export interface MailTemplates {
  'admin-invite': AdminInviteParams;
  'customer-invite': CustomerInviteParams;
  'customer-purged': CustomerPurgedParams;
  'email-verification': EmailVerificationParams;
  'password-reset': PasswordResetParams;
  'project-key-term-ending': ProjectKeyTermEndingParams;
  'team-invite': TeamInviteParams;
  test: TestMailParams;
}
export type MailTemplateName = keyof MailTemplates;

const templates: { [K in MailTemplateName]: MailTemplate<MailTemplates[K]> } = {
  'admin-invite': adminInvite,
  'customer-invite': customerInvite,
  'customer-purged': customerPurged,
  'email-verification': emailVerification,
  'password-reset': passwordReset,
  'project-key-term-ending': projectKeyTermEnding,
  'team-invite': teamInvite,
  test: testMail,
};

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const FOOTER: Record<Locale, string> = {
  en: 'This mail was sent automatically by vMSP Portal.',
  de: 'Diese E-Mail wurde automatisch vom vMSP Portal versendet.',
};

const DATE_LOCALE: Record<Locale, string> = { en: 'en-GB', de: 'de-DE' };

function templateContext(locale: Locale, timeZone: string): TemplateContext {
  const format = new Intl.DateTimeFormat(DATE_LOCALE[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });
  return {
    locale,
    formatInstant(iso) {
      const at = new Date(iso);
      if (Number.isNaN(at.getTime())) throw new Error(`Not an ISO-8601 instant: ${iso}`);
      return format.format(at);
    },
  };
}

export function renderMail<T extends MailTemplateName>(
  template: T,
  params: MailTemplates[T],
  options: { locale: Locale; timeZone: string },
): RenderedMail {
  const localized: MailTemplate<MailTemplates[T]> = templates[template];
  const content = localized[options.locale](params, templateContext(options.locale, options.timeZone));
  const footer = FOOTER[options.locale];
  return {
    subject: content.subject,
    html: layout({ locale: options.locale, title: content.subject, body: content.html, footer }).value,
    text: `${content.text}\n\n-- \n${footer}\n`,
  };
}

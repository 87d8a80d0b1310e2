import type { Locale } from '@vmsp/contracts';
import { decimalOfMinor } from '@vmsp/domain';
import { type AdminInviteParams, adminInvite } from './templates/admin-invite.ts';
import { type CreditNoteIssuedParams, creditNoteIssued } from './templates/credit-note-issued.ts';
import { type CustomerInviteParams, customerInvite } from './templates/customer-invite.ts';
import { type CustomerPurgedParams, customerPurged } from './templates/customer-purged.ts';
import { type EmailVerificationParams, emailVerification } from './templates/email-verification.ts';
import { layout } from './templates/html.ts';
import { type InvoiceIssuedParams, invoiceIssued } from './templates/invoice-issued.ts';
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
  'credit-note-issued': CreditNoteIssuedParams;
  'customer-invite': CustomerInviteParams;
  'customer-purged': CustomerPurgedParams;
  'email-verification': EmailVerificationParams;
  'invoice-issued': InvoiceIssuedParams;
  'password-reset': PasswordResetParams;
  'project-key-term-ending': ProjectKeyTermEndingParams;
  'team-invite': TeamInviteParams;
  test: TestMailParams;
}
export type MailTemplateName = keyof MailTemplates;

const templates: { [K in MailTemplateName]: MailTemplate<MailTemplates[K]> } = {
  'admin-invite': adminInvite,
  'credit-note-issued': creditNoteIssued,
  'customer-invite': customerInvite,
  'customer-purged': customerPurged,
  'email-verification': emailVerification,
  'invoice-issued': invoiceIssued,
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
  // Calendar dates and months are already the provider's; formatted at UTC midnight so no zone shifts them.
  const dateFormat = new Intl.DateTimeFormat(DATE_LOCALE[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const monthFormat = new Intl.DateTimeFormat(DATE_LOCALE[locale], {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const utcDay = (text: string, pattern: RegExp) => {
    const match = pattern.exec(text);
    if (!match) throw new Error(`Not a calendar date or month: ${text}`);
    return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] ?? 1)));
  };
  return {
    locale,
    formatInstant(iso) {
      const at = new Date(iso);
      if (Number.isNaN(at.getTime())) throw new Error(`Not an ISO-8601 instant: ${iso}`);
      return format.format(at);
    },
    formatDate: (date) => dateFormat.format(utcDay(date, /^(\d{4})-(\d{2})-(\d{2})$/)),
    formatMonth: (month) => monthFormat.format(utcDay(month, /^(\d{4})-(\d{2})$/)),
    formatMoney(minor, currency) {
      if (!Number.isSafeInteger(minor)) throw new Error(`Not an amount in minor units: ${minor}`);
      const money = new Intl.NumberFormat(DATE_LOCALE[locale], { style: 'currency', currency });
      // Intl takes the exact decimal string: `minor / 100` would lose cents from about 7×10¹⁵ cents.
      const digits = money.resolvedOptions().maximumFractionDigits ?? 2;
      return money.format(decimalOfMinor(minor, digits) as Intl.StringNumericLiteral);
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

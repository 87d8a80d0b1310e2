import type { Locale } from '@vmsp/contracts';
import type { SafeHtml } from './html.ts';

/** What a template may use besides its parameters: dates are shown in the provider's time zone. */
export interface TemplateContext {
  locale: Locale;
  /** An ISO-8601 instant as a date and time in the reader's language and the provider's time zone. */
  formatInstant(iso: string): string;
  /** A calendar date `YYYY-MM-DD` (already in the provider's time zone), e.g. "15 December 2026". */
  formatDate(date: string): string;
  /** A billing month `YYYY-MM`, e.g. "November 2026". */
  formatMonth(month: string): string;
  /** Integer minor units of an ISO 4217 currency, e.g. "€535.50" / "535,50 €". */
  formatMoney(minor: number, currency: string): string;
}

/** A template's own part of a mail; the shared frame and footer are added around it. */
export interface MailContent {
  subject: string;
  html: SafeHtml;
  text: string;
}

/** One function per language, so a template without a German version does not compile. */
export type MailTemplate<P> = Record<Locale, (params: P, ctx: TemplateContext) => MailContent>;

import type { AuditAction, Locale } from '@vmsp/contracts';
import { de } from './action-texts-de.ts';
import { en } from './action-texts-en.ts';

/**
 * Every audit action in words, in each language: a short label for the action filter and a sentence for the
 * entry. In a sentence `{{actor}}` is who acted (an e-mail address, or the portal itself for a job),
 * `{{object}}` what the action was done to (a customer's name, an invoice's number, an e-mail address: linked
 * where the object has a page); any other `{{field}}` is that field of what the entry recorded (after, else
 * before). Typed by the contract's list, so an action without words in either language does not compile.
 */
export interface ActionText {
  label: string;
  sentence: string;
}

export const actionTexts: Record<Locale, Record<AuditAction, ActionText>> = { en, de };

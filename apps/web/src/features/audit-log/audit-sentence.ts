import { AuditAction, type AuditEntry } from '@vmsp/contracts';
import { type ActionText, actionTexts } from './audit-action-texts.ts';

/** A sentence cut at its placeholders: text as it is, and `{{name}}` as `{ placeholder: name }`. */
export type SentencePart = string | { placeholder: string };

export function sentenceParts(template: string): SentencePart[] {
  return template
    .split(/(\{\{\w+\}\})/)
    .filter((part) => part !== '')
    .map((part) => {
      const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
      return name ? { placeholder: name } : part;
    });
}

/** The placeholders a sentence uses, in order. */
export function placeholdersOf(template: string): string[] {
  return sentenceParts(template).flatMap((part) => (typeof part === 'string' ? [] : [part.placeholder]));
}

/** The action's words in the language (English for any other); null for an action this app does not know. */
export function actionText(action: string, language: string): ActionText | null {
  const known = AuditAction.safeParse(action);
  if (!known.success) return null;
  return actionTexts[language === 'de' ? 'de' : 'en'][known.data];
}

/** A field the entry recorded, for a sentence: from after, else from before; null when neither has it. */
export function recordedField(entry: Pick<AuditEntry, 'before' | 'after'>, field: string): string | null {
  for (const side of [entry.after, entry.before]) {
    if (side !== null && typeof side === 'object' && field in side) {
      const value = (side as Record<string, unknown>)[field];
      if (typeof value === 'string' || typeof value === 'number') return String(value);
    }
  }
  return null;
}

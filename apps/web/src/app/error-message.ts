import type { ValidationRule } from '@vmsp/contracts';
import type { TFunction } from 'i18next';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type ClientErrorCode, isApiError } from './api.ts';
import { en } from './i18n/en.ts';

let ruleTextsRequested = false;

/**
 * The rules' words are not part of the first page's bundle: they load once the first component that shows
 * errors is there. A refusal before that, or while they cannot load, shows the server's message.
 */
function loadRuleTexts(): void {
  if (ruleTextsRequested) return;
  ruleTextsRequested = true;
  Promise.all([import('./validation-rule-texts.ts'), import('./i18n/feature-texts.ts')])
    .then(([{ validationRuleTexts }, { registerTexts }]) => registerTexts(validationRuleTexts))
    .catch(() => {
      ruleTextsRequested = false;
    });
}

function isTranslated(code: string): code is ClientErrorCode {
  return Object.hasOwn(en.errors, code);
}

/** The refused input's rule in the user's language; empty for a rule this web app does not know. */
function ruleText(t: TFunction, rule: string, limit: number | undefined): string {
  return t(`validationRules.${rule as ValidationRule}`, { limit, defaultValue: '' });
}

/**
 * The text to show for a failed call, in the user's language: by its error code; a refused input by the rule
 * it broke when the server names a known one. Only a code or rule this web app does not know yet (a newer
 * server) shows the server's own, English message.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.INTERNAL');
  if (error.code === 'RATE_LIMITED' && error.retryAfter !== undefined) {
    return t('rateLimit.retryIn', { count: error.retryAfter });
  }
  const rule = error.code === 'VALIDATION_FAILED' && error.rule ? ruleText(t, error.rule, error.limit) : '';
  if (rule !== '') return rule;
  if (isTranslated(error.code)) return t(`errors.${error.code}`, { message: error.message });
  return error.message;
}

export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  useEffect(loadRuleTexts, []);
  return useCallback((error: unknown) => errorMessage(t, error), [t]);
}

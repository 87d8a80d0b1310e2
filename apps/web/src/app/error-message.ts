import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { type ClientErrorCode, isApiError } from './api.ts';
import { en } from './i18n/en.ts';

type KnownRule = keyof typeof en.validationRules;

function isTranslated(code: string): code is ClientErrorCode {
  return Object.hasOwn(en.errors, code);
}

function isKnownRule(rule: string | undefined): rule is KnownRule {
  return rule !== undefined && Object.hasOwn(en.validationRules, rule);
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
  if (error.code === 'VALIDATION_FAILED' && isKnownRule(error.rule)) {
    return t(`validationRules.${error.rule}`, { limit: error.limit });
  }
  if (isTranslated(error.code)) return t(`errors.${error.code}`, { message: error.message });
  return error.message;
}

export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback((error: unknown) => errorMessage(t, error), [t]);
}

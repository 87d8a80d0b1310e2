import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { type ClientErrorCode, isApiError } from './api.ts';
import { en } from './i18n/en.ts';

function isTranslated(code: string): code is ClientErrorCode {
  return Object.hasOwn(en.errors, code);
}

/** The text to show for a failed call: translated by error code, else the server's own message. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.INTERNAL');
  if (error.code === 'RATE_LIMITED' && error.retryAfter !== undefined) {
    return t('rateLimit.retryIn', { count: error.retryAfter });
  }
  if (isTranslated(error.code)) return t(`errors.${error.code}`, { message: error.message });
  return error.message;
}

export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback((error: unknown) => errorMessage(t, error), [t]);
}

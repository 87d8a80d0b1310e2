import type { SessionUser } from '@vmsp/contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveLocale } from '../../features/auth/session-api.ts';
import { currentLocale } from '../i18n/index.ts';

/**
 * Keeps the server's idea of the user's language (used for their mails) in step with the language the
 * user chose in the app. Renders nothing.
 */
export function LocaleSync({ user }: { user: SessionUser }) {
  useTranslation(); // re-renders when the language changes
  const locale = currentLocale();
  const { mutate } = useSaveLocale();
  useEffect(() => {
    if (locale !== user.locale) mutate(locale);
  }, [locale, user.locale, mutate]);
  return null;
}

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Formats ISO instants as date and time in the chosen language; null becomes a dash. */
export function useFormatDateTime(): (iso: string | null) => string {
  const { t, i18n } = useTranslation();
  const noValue = t('common.noValue');
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
    return (iso) => (iso === null ? noValue : format.format(new Date(iso)));
  }, [i18n.language, noValue]);
}

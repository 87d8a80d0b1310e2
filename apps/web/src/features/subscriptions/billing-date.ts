import { DEFAULT_BILLING_TIME_ZONE } from '@vmsp/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Formats the day a change applies. Changes apply at billing-month boundaries, which are local midnight in
 * the provider's time zone: shown in the browser's zone, "1 July 00:00 Berlin" would read "30 June" in
 * New York. The web app does not know the provider's configured zone, so it uses the default one.
 */
export function useFormatBillingDate(): (instant: string | Date) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, {
      dateStyle: 'medium',
      timeZone: DEFAULT_BILLING_TIME_ZONE,
    });
    return (instant) => format.format(new Date(instant));
  }, [i18n.language]);
}

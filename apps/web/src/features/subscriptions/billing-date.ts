import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useBillingTimeZone } from './subscriptions-api.ts';

/** Formats the day a change applies, in the provider's billing time zone (see useBillingTimeZone). */
export function useFormatBillingDate(): (instant: string | Date) => string {
  const { i18n } = useTranslation();
  const timeZone = useBillingTimeZone();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone });
    return (instant) => format.format(new Date(instant));
  }, [i18n.language, timeZone]);
}

import { SegmentedControl } from '@mantine/core';
import type { Locale } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { changeLocale, currentLocale, locales } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('app.language')}
      value={currentLocale()}
      onChange={(value) => changeLocale(value as Locale)}
      data={locales.map((locale) => ({ value: locale, label: t(`locale.${locale}`) }))}
    />
  );
}

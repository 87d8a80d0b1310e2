import type { Locale } from '@vmsp/contracts';
import { i18n } from './index.ts';

export type { Strings } from './en.ts';

/**
 * Merges a feature's texts into the translation namespace. English is always loaded, so it is merged at once;
 * German is merged when its main bundle is there, now or when it loads later: merging earlier would make
 * i18next take the partial bundle for the whole language and never load the rest.
 */
export function registerTexts<T extends object>(texts: Record<Locale, T>): Record<Locale, T> {
  const merge = (language: string) => {
    if (language === 'en' || language === 'de') {
      i18n.addResourceBundle(language, 'translation', texts[language], true, true);
    }
  };
  for (const language of ['en', 'de'] as const) {
    if (i18n.hasResourceBundle(language, 'translation')) merge(language);
  }
  i18n.on('loaded', (loaded) => {
    for (const language of Object.keys(loaded)) merge(language);
  });
  return texts;
}

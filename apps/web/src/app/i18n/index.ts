import type { Locale } from '@vmsp/contracts';
import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';

const STORAGE_KEY = 'vmsp.locale';
export const locales: readonly Locale[] = ['en', 'de'];

function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'de';
}

function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    // Storage can be unavailable (private mode, blocked cookies): fall back to the browser's language.
    return null;
  }
}

function browserLocale(): Locale {
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'en';
}

export function changeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered across visits, but the switch still applies to this page.
  }
  void i18n.changeLanguage(locale);
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

/**
 * English is bundled (it is also every text's fallback); German is a chunk of its own, loaded when it is
 * first chosen, so that English readers do not download it. Until it is there, `useTranslation` suspends.
 */
const lazyLanguages: BackendModule = {
  type: 'backend',
  init: () => {},
  read: (language, _namespace, done) => {
    if (language !== 'de') return done(null, language === 'en' ? en : {});
    import('./de.ts').then(
      ({ de }) => done(null, de),
      (error: unknown) => done(error instanceof Error ? error.message : String(error), false),
    );
  },
};

let pageTexts: Promise<void> | undefined;

/**
 * Loads the English texts of the pages after the first (en-pages.ts) once; the router loads them beside each
 * such page's code, so they arrive without a round trip of their own. A failed load is tried again next time.
 */
export function loadPageTexts(): Promise<void> {
  pageTexts ??= import('./en-pages.ts').then(
    ({ enPages }) => {
      i18n.addResourceBundle('en', 'translation', enPages, true, true);
    },
    (error: unknown) => {
      pageTexts = undefined;
      throw error;
    },
  );
  return pageTexts;
}

void i18n
  .use(lazyLanguages)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en } },
    partialBundledLanguages: true,
    lng: storedLocale() ?? browserLocale(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });

export { i18n };

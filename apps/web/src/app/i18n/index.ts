import type { Locale } from '@vmsp/contracts';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './de.ts';
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

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, de: { translation: de } },
  lng: storedLocale() ?? browserLocale(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

export { i18n };

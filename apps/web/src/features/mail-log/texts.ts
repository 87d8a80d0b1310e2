import { registerTexts, type Strings } from '../../app/i18n/feature-texts.ts';

/* The Mail Log's search texts load with the page (a lazy chunk), not with the first page's bundle. */

const en = {
  mailLogSearch: {
    label: 'Search',
    placeholder: 'Recipient or subject',
    clear: 'Clear search',
    noMatch: 'No mails match the search.',
  },
};

const de: Strings<typeof en> = {
  mailLogSearch: {
    label: 'Suche',
    placeholder: 'Empfänger oder Betreff',
    clear: 'Suche zurücksetzen',
    noMatch: 'Keine Mails passen zur Suche.',
  },
};

export const mailLogTexts = registerTexts({ en, de });

import { registerTexts, type Strings } from './i18n/feature-texts.ts';

/* The leave prompt loads with the forms that use it (lazy pages), not with the first page's bundle. */

const en = {
  unsavedChanges: {
    title: 'Leave without saving?',
    body: 'Your changes on this page are not saved yet. They are lost if you leave now.',
    stay: 'Stay and keep editing',
    leave: 'Leave without saving',
  },
};

const de: Strings<typeof en> = {
  unsavedChanges: {
    title: 'Ohne Speichern verlassen?',
    body: 'Ihre Änderungen auf dieser Seite sind noch nicht gespeichert. Sie gehen verloren, wenn Sie die Seite jetzt verlassen.',
    stay: 'Bleiben und weiter bearbeiten',
    leave: 'Ohne Speichern verlassen',
  },
};

export const unsavedChangesTexts = registerTexts({ en, de });

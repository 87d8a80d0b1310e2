import type { ValidationRule } from '@vmsp/contracts';
import type { Strings } from './i18n/feature-texts.ts';

/*
 * A refused input's rule, as the server names it with VALIDATION_FAILED. Not needed to draw the first page:
 * error-message.ts loads these right after it, outside the first page's bundle.
 */

const en = {
  validationRules: {
    required: 'Fill in this field.',
    'too-short': 'Use at least {{limit}} characters.',
    'too-long': 'Use at most {{limit}} characters.',
    'too-few': 'Add at least {{limit}} entries.',
    'too-many': 'Use at most {{limit}} entries.',
    'too-small': 'Enter {{limit}} or more.',
    'too-big': 'Enter {{limit}} or less.',
    'not-whole': 'Enter a whole number.',
    'invalid-email': 'Enter a valid e-mail address.',
    'invalid-format': 'This does not have the expected format.',
    'invalid-option': 'Choose one of the offered options.',
    'invalid-type': 'Enter a valid value.',
  } satisfies Record<ValidationRule, string>,
};

const de: Strings<typeof en> = {
  validationRules: {
    required: 'Füllen Sie dieses Feld aus.',
    'too-short': 'Verwenden Sie mindestens {{limit}} Zeichen.',
    'too-long': 'Verwenden Sie höchstens {{limit}} Zeichen.',
    'too-few': 'Fügen Sie mindestens {{limit}} Einträge hinzu.',
    'too-many': 'Verwenden Sie höchstens {{limit}} Einträge.',
    'too-small': 'Geben Sie {{limit}} oder mehr ein.',
    'too-big': 'Geben Sie {{limit}} oder weniger ein.',
    'not-whole': 'Geben Sie eine ganze Zahl ein.',
    'invalid-email': 'Geben Sie eine gültige E-Mail-Adresse ein.',
    'invalid-format': 'Die Eingabe hat nicht das erwartete Format.',
    'invalid-option': 'Wählen Sie eine der angebotenen Möglichkeiten.',
    'invalid-type': 'Geben Sie einen gültigen Wert ein.',
  },
};

export const validationRuleTexts = { en, de };

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
    'unstorable-text':
      'This text contains a character that cannot be stored (a NUL character or a broken Unicode character).',
    'date-range-reversed': 'The first day must not be after the last.',
    'date-in-future': 'The date cannot be in the future.',
    'before-issue-date': "The date cannot be before the invoice's issue date.",
    'month-not-ended': 'This billing month has not ended yet. Choose an ended month.',
    'month-in-future': 'Choose the current or a past billing month.',
    'not-eu-country': 'Invoices follow the EU VAT rules: the issuer must be in an EU member state.',
    'vat-rate-zero': 'Enter the standard VAT rate, above 0 %.',
    'vat-id-needs-country': 'Choose the country of the address the VAT-ID belongs to.',
    'vat-id-format': 'This VAT-ID is not valid: check its format and digits.',
    'vat-id-prefix': "The VAT-ID must start with the prefix of the company's country.",
    'iban-format':
      'An IBAN starts with the country code and two check digits, followed by 11 to 30 letters and digits.',
    'iban-checksum': 'This IBAN is not valid: check its digits.',
    'bic-format': 'Enter a BIC of 8 or 11 letters and digits.',
    'number-pattern-characters':
      'Use {YYYY}, {seq:N} (N from 1 to 12) and the characters A–Z, a–z, 0–9, /, _, - and . only.',
    'number-pattern-no-sequence': 'The pattern needs the sequence number, e.g. {seq:6}.',
    'number-pattern-no-year': 'The pattern needs the year, {YYYY}: numbers start again every year.',
    'number-pattern-too-long': 'Numbers from this pattern could grow longer than {{limit}} characters.',
    'logo-not-image': 'The logo must be a PNG or JPEG image.',
    'unknown-invoice-line': 'Choose lines of this invoice only.',
    'amount-format': 'Enter an amount like 1.50 or 1,50.',
    'amount-thousands-separator': 'Write the amount without thousands separators, e.g. 1234.50.',
    'too-many-decimals': 'Use at most {{limit}} decimals.',
    'amount-too-large': 'This amount is too large.',
    'number-too-large': 'This number is too large.',
    'price-ranges-empty': 'Add at least one range.',
    'price-ranges-start': 'The first range starts at 1.',
    'price-ranges-gap': 'This range must start right after the previous one ends.',
    'price-ranges-overlap': 'This range overlaps the previous one.',
    'price-range-reversed': 'A range ends at or after its start.',
    'ips-sum-mismatch': 'Internal and external IPs must add up to {{limit}}.',
    'beyond-price-table': 'The price table ends at {{limit}} IPs.',
    'card-subscription-running': 'Your card subscription runs already: change its IPs with Save.',
    'key-currency-mismatch': 'This project key is priced in another currency than the portal bills in.',
    'not-a-jwk': 'This is not a JWK: paste the public key as `vmsp keys keypair` printed it.',
    'private-key': 'This is a private key: paste the public one.',
    'not-ed25519-key': 'This is not an Ed25519 public key (a JWK with "kty": "OKP", "crv": "Ed25519", "x").',
    'main-user-cannot-be-disabled':
      'The main user cannot be disabled: hand the role to another member first.',
    'already-main-user': 'This member is the main user already.',
    'username-for-password': 'Enter the user name that goes with the password, or remove the password.',
    'stripe-key-mode-mismatch':
      'The publishable key must be of the same mode (test or live) as the secret key.',
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
    'unstorable-text':
      'Dieser Text enthält ein Zeichen, das nicht gespeichert werden kann (ein NUL-Zeichen oder ein defektes Unicode-Zeichen).',
    'date-range-reversed': 'Der erste Tag darf nicht nach dem letzten liegen.',
    'date-in-future': 'Das Datum darf nicht in der Zukunft liegen.',
    'before-issue-date': 'Das Datum darf nicht vor dem Rechnungsdatum liegen.',
    'month-not-ended':
      'Dieser Abrechnungsmonat ist noch nicht zu Ende. Wählen Sie einen abgeschlossenen Monat.',
    'month-in-future': 'Wählen Sie den laufenden oder einen vergangenen Abrechnungsmonat.',
    'not-eu-country':
      'Die Rechnungen folgen den Umsatzsteuerregeln der EU: Der Rechnungssteller muss in einem EU-Mitgliedstaat sitzen.',
    'vat-rate-zero': 'Geben Sie den Regelsteuersatz an, größer als 0 %.',
    'vat-id-needs-country': 'Wählen Sie das Land der Adresse, zu der die USt-IdNr. gehört.',
    'vat-id-format': 'Diese USt-IdNr. ist nicht gültig: Prüfen Sie Format und Ziffern.',
    'vat-id-prefix': 'Die USt-IdNr. muss mit dem Ländercode des Landes Ihres Unternehmens beginnen.',
    'iban-format':
      'Eine IBAN beginnt mit dem Ländercode und zwei Prüfziffern, gefolgt von 11 bis 30 Buchstaben und Ziffern.',
    'iban-checksum': 'Diese IBAN ist nicht gültig: Prüfen Sie ihre Ziffern.',
    'bic-format': 'Geben Sie eine BIC aus 8 oder 11 Buchstaben und Ziffern ein.',
    'number-pattern-characters':
      'Verwenden Sie nur {YYYY}, {seq:N} (N von 1 bis 12) und die Zeichen A–Z, a–z, 0–9, /, _, - und .',
    'number-pattern-no-sequence': 'Das Muster braucht die laufende Nummer, z. B. {seq:6}.',
    'number-pattern-no-year': 'Das Muster braucht das Jahr, {YYYY}: Die Nummern beginnen jedes Jahr neu.',
    'number-pattern-too-long': 'Nummern aus diesem Muster könnten länger als {{limit}} Zeichen werden.',
    'logo-not-image': 'Das Logo muss ein PNG- oder JPEG-Bild sein.',
    'unknown-invoice-line': 'Wählen Sie nur Positionen dieser Rechnung.',
    'amount-format': 'Geben Sie einen Betrag wie 1,50 oder 1.50 ein.',
    'amount-thousands-separator': 'Schreiben Sie den Betrag ohne Tausendertrennzeichen, z. B. 1234,50.',
    'too-many-decimals': 'Verwenden Sie höchstens {{limit}} Nachkommastellen.',
    'amount-too-large': 'Dieser Betrag ist zu groß.',
    'number-too-large': 'Diese Zahl ist zu groß.',
    'price-ranges-empty': 'Fügen Sie mindestens einen Bereich hinzu.',
    'price-ranges-start': 'Der erste Bereich beginnt bei 1.',
    'price-ranges-gap': 'Dieser Bereich muss direkt nach dem Ende des vorigen beginnen.',
    'price-ranges-overlap': 'Dieser Bereich überschneidet sich mit dem vorigen.',
    'price-range-reversed': 'Ein Bereich endet bei oder nach seinem Anfang.',
    'ips-sum-mismatch': 'Interne und externe IPs müssen zusammen {{limit}} ergeben.',
    'beyond-price-table': 'Die Preistabelle endet bei {{limit}} IPs.',
    'card-subscription-running': 'Ihr Kartenabonnement läuft bereits: Ändern Sie seine IPs mit Speichern.',
    'key-currency-mismatch':
      'Dieser Projektschlüssel hat einen Preis in einer anderen Währung als der, in der das Portal abrechnet.',
    'not-a-jwk':
      'Dies ist kein JWK: Fügen Sie den öffentlichen Schlüssel so ein, wie `vmsp keys keypair` ihn ausgegeben hat.',
    'private-key': 'Dies ist ein privater Schlüssel: Fügen Sie den öffentlichen ein.',
    'not-ed25519-key':
      'Dies ist kein öffentlicher Ed25519-Schlüssel (ein JWK mit "kty": "OKP", "crv": "Ed25519", "x").',
    'main-user-cannot-be-disabled':
      'Der Hauptbenutzer kann nicht deaktiviert werden: Übergeben Sie die Rolle zuerst an ein anderes Mitglied.',
    'already-main-user': 'Dieses Mitglied ist bereits der Hauptbenutzer.',
    'username-for-password': 'Geben Sie den Benutzernamen zum Passwort ein, oder entfernen Sie das Passwort.',
    'stripe-key-mode-mismatch':
      'Der veröffentlichbare Schlüssel muss im selben Modus (Test oder Live) sein wie der geheime Schlüssel.',
  },
};

export const validationRuleTexts = { en, de };

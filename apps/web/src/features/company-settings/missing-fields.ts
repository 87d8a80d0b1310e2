import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { companySettingsTexts } from './texts.ts';

type FieldKey = keyof typeof companySettingsTexts.en.companySettings.fields;

function isFieldKey(key: string): key is FieldKey {
  return Object.hasOwn(companySettingsTexts.en.companySettings.fields, key);
}

/**
 * The fields invoicing still waits for, named as the page labels them: "Company name, IBAN, BIC". The server
 * names them as CompanySettings keys; an unknown key is shown as it is.
 */
export function useMissingFieldsText(): (missing: readonly string[]) => string {
  const { t } = useTranslation();
  return useCallback(
    (missing) =>
      missing.map((key) => (isFieldKey(key) ? t(`companySettings.fields.${key}`) : key)).join(', '),
    [t],
  );
}

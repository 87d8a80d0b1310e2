import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { companySettingsTexts } from './texts.ts';

type FieldKey = keyof typeof companySettingsTexts.en.companySettings.fields;

function isFieldKey(key: string): key is FieldKey {
  return Object.hasOwn(companySettingsTexts.en.companySettings.fields, key);
}

/**
 * The fields invoicing still waits for, named as the page labels them: "Company name, IBAN, BIC". The server
 * reports a seller with neither VAT-ID nor tax number as `vatId` missing; an unknown key is shown as it is.
 */
export function useMissingFieldsText(): (missing: readonly string[]) => string {
  const { t } = useTranslation();
  return useCallback(
    (missing) =>
      missing
        .map((key) =>
          key === 'vatId'
            ? t('companySettings.vatIdOrTaxNumberLabel')
            : isFieldKey(key)
              ? t(`companySettings.fields.${key}`)
              : key,
        )
        .join(', '),
    [t],
  );
}

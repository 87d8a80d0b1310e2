import { Select, type SelectProps } from '@mantine/core';
import { countryOptions } from '@vmsp/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** A searchable choice of country, by its name in the UI language; the value is the ISO code. */
export function CountrySelect(props: Omit<SelectProps, 'data'>) {
  const { t, i18n } = useTranslation();
  const data = useMemo(
    () => countryOptions(i18n.language).map(({ code, name }) => ({ value: code, label: name })),
    [i18n.language],
  );
  return (
    <Select
      label={t('address.country')}
      placeholder={t('address.countryPlaceholder')}
      nothingFoundMessage={t('address.noCountry')}
      searchable
      allowDeselect={false}
      autoComplete="off"
      data={data}
      {...props}
    />
  );
}

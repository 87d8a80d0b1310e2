import { Text } from '@mantine/core';
import type { Address } from '@vmsp/contracts';
import { countryName, isCountryCode } from '@vmsp/domain';
import { useTranslation } from 'react-i18next';

/** An address as it is written on a letter, with the country's name in the UI language. */
export function AddressText({ address }: { address: Address }) {
  const { i18n } = useTranslation();
  const country = isCountryCode(address.country)
    ? countryName(address.country, i18n.language)
    : address.country;
  return (
    <Text component="address" size="sm" fs="normal" style={{ whiteSpace: 'pre-line' }}>
      {`${address.street}\n${address.postalCode} ${address.city}\n${country}`}
    </Text>
  );
}

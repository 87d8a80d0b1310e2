import { Fieldset, Grid, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import type { Address } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { CountrySelect } from '../../app/ui/country-select.tsx';

export const emptyAddress: Address = { street: '', postalCode: '', city: '', country: '' };

/** The fields of an address; the errors' paths are `<prefix>.street` etc., as the server names them. */
export const addressFieldPaths = <P extends string>(prefix: P) =>
  [`${prefix}.street`, `${prefix}.postalCode`, `${prefix}.city`, `${prefix}.country`] as const;

/** Street, postal code, city and country in a fieldset whose legend names the group (e.g. `Company Address`). */
export function AddressFields({
  legend,
  inputProps,
}: {
  legend: string;
  inputProps: (field: keyof Address) => GetInputPropsReturnType;
}) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={legend} variant="filled">
      <Grid gap="sm">
        <Grid.Col span={12}>
          <TextInput label={t('address.street')} {...inputProps('street')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label={t('address.postalCode')} {...inputProps('postalCode')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput label={t('address.city')} {...inputProps('city')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <CountrySelect {...inputProps('country')} />
        </Grid.Col>
      </Grid>
    </Fieldset>
  );
}

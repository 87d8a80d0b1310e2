import { Checkbox, TextInput } from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { type Address, Email } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { AddressFields, addressFieldPaths, emptyAddress } from './address-fields.tsx';

/**
 * A company's address, VAT-ID and optional billing address, as the admin's `Edit Address` and the
 * portal's company form edit them. The server checks the VAT-ID; its answer belongs to one of `fields`.
 */
export interface CompanyAddressValues {
  address: Address;
  vatId: string;
  differentBilling: boolean;
  billingAddress: Address;
  /** Where invoices are mailed; blank: to the main user. */
  invoiceEmail: string;
}

export const companyAddressFields = [
  ...addressFieldPaths('address'),
  'vatId',
  ...addressFieldPaths('billingAddress'),
  'invoiceEmail',
] as const;

const blank = (value: string | null | undefined) => (value ?? '').trim() === '';

export function companyAddressValues(company: {
  address: Address;
  vatId: string | null;
  billingAddress: Address | null;
  invoiceEmail: string | null;
}): CompanyAddressValues {
  return {
    address: company.address,
    vatId: company.vatId ?? '',
    differentBilling: company.billingAddress !== null,
    billingAddress: company.billingAddress ?? emptyAddress,
    invoiceEmail: company.invoiceEmail ?? '',
  };
}

/** What is sent: no VAT-ID when blank, no billing address unless a different one is wanted, no invoice e-mail when blank. */
export function companyAddressRequest(values: CompanyAddressValues) {
  return {
    address: values.address,
    vatId: blank(values.vatId) ? null : values.vatId,
    billingAddress: values.differentBilling ? values.billingAddress : null,
    invoiceEmail: blank(values.invoiceEmail) ? null : values.invoiceEmail.trim(),
  };
}

/** The form with the required-field checks; a billing address is checked only when it is wanted. */
export function useCompanyAddressForm(initialValues: CompanyAddressValues) {
  const { t } = useTranslation();
  const required = (key: keyof Address) => (value: string) =>
    blank(value) ? t(`customers.validation.${key}`) : null;
  const requiredForBilling = (key: keyof Address) => (value: string, values: CompanyAddressValues) =>
    values.differentBilling ? required(key)(value) : null;
  return useForm<CompanyAddressValues>({
    initialValues,
    validate: {
      address: {
        street: required('street'),
        postalCode: required('postalCode'),
        city: required('city'),
        country: required('country'),
      },
      billingAddress: {
        street: requiredForBilling('street'),
        postalCode: requiredForBilling('postalCode'),
        city: requiredForBilling('city'),
        country: requiredForBilling('country'),
      },
      // The contract's own rule, so the form and the server agree on what an address is.
      invoiceEmail: (value) =>
        blank(value) || Email.safeParse(value).success ? null : t('address.invoiceEmailInvalid'),
    },
  });
}

export function CompanyAddressFields({ form }: { form: UseFormReturnType<CompanyAddressValues> }) {
  const { t } = useTranslation();
  return (
    <>
      <AddressFields
        legend={t('customers.editAddress.companyAddress')}
        inputProps={(field) => form.getInputProps(`address.${field}`)}
      />
      <TextInput
        label={t('address.vatId')}
        description={t('address.vatIdHint')}
        {...form.getInputProps('vatId')}
      />
      <Checkbox
        label={t('customers.editAddress.differentBilling')}
        {...form.getInputProps('differentBilling', { type: 'checkbox' })}
      />
      {form.values.differentBilling && (
        <AddressFields
          legend={t('customers.editAddress.billingAddress')}
          inputProps={(field) => form.getInputProps(`billingAddress.${field}`)}
        />
      )}
      <TextInput
        type="email"
        autoComplete="email"
        label={t('address.invoiceEmail')}
        description={t('address.invoiceEmailHint')}
        {...form.getInputProps('invoiceEmail')}
      />
    </>
  );
}

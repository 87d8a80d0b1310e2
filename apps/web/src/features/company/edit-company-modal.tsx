import { Alert, Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Address, PortalCompany } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { AddressFields, addressFieldPaths, emptyAddress } from '../customers/address-fields.tsx';
import { useEditPortalCompany } from './company-api.ts';

interface CompanyValues {
  address: Address;
  vatId: string;
  differentBilling: boolean;
  billingAddress: Address;
}

const fields = [...addressFieldPaths('address'), 'vatId', ...addressFieldPaths('billingAddress')] as const;
type AddressKey = keyof Address;

const blank = (value: string | null | undefined) => (value ?? '').trim() === '';

/**
 * `Edit company`: a self-service customer's address and VAT-ID, with the fields and rules of
 * `Edit Address`. The server checks the VAT-ID; its answer is shown at the field it concerns.
 */
export function EditCompanyModal({ company, onClose }: { company: PortalCompany; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const edit = useEditPortalCompany();
  const required = (key: AddressKey) => (value: string) =>
    blank(value) ? t(`customers.validation.${key}`) : null;
  const requiredForBilling = (key: AddressKey) => (value: string, values: CompanyValues) =>
    values.differentBilling ? required(key)(value) : null;
  const form = useForm<CompanyValues>({
    initialValues: {
      address: company.address,
      vatId: company.vatId ?? '',
      differentBilling: company.billingAddress !== null,
      billingAddress: company.billingAddress ?? emptyAddress,
    },
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
    },
  });

  const submit = form.onSubmit((values) =>
    edit.mutate(
      {
        address: values.address,
        vatId: blank(values.vatId) ? null : values.vatId,
        billingAddress: values.differentBilling ? values.billingAddress : null,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('deletion.company.saved') });
          onClose();
        },
        onError: (error) => {
          const field = fieldOf(error, fields);
          if (field) form.setFieldError(field, message(error));
        },
      },
    ),
  );

  return (
    <Modal opened onClose={onClose} title={t('deletion.company.editCompany')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {edit.isError && fieldOf(edit.error, fields) === null && (
            <Alert color="red" icon={<IconAlertTriangle />} role="alert">
              {isApiError(edit.error, 'MANAGED_BY_PROVIDER')
                ? t('deletion.company.managedNote')
                : message(edit.error)}
            </Alert>
          )}
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={edit.isPending}>
              {t('deletion.company.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

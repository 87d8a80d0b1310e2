import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Address, CustomerDetails, CustomerRow } from '@vmsp/contracts';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { AddressFields, addressFieldPaths, emptyAddress } from './address-fields.tsx';
import { useCustomer, useEditAddress } from './customers-api.ts';

interface EditAddressValues {
  address: Address;
  vatId: string;
  differentBilling: boolean;
  billingAddress: Address;
}

const fields = [...addressFieldPaths('address'), 'vatId', ...addressFieldPaths('billingAddress')] as const;

function valuesOf(details: CustomerDetails): EditAddressValues {
  return {
    address: details.address,
    vatId: details.vatId ?? '',
    differentBilling: details.billingAddress !== null,
    billingAddress: details.billingAddress ?? emptyAddress,
  };
}

/** `Edit Address` (R-3.7, seed §3.2.7), managed customers only. */
export function EditAddressModal({ customer, onClose }: { customer: CustomerRow; onClose: () => void }) {
  const { t } = useTranslation();
  const details = useCustomer(customer.id);
  return (
    <Modal opened onClose={onClose} title={t('customers.editAddress.title')} size="lg">
      <Text size="sm" c="dimmed" mb="md">
        {details.data?.companyName ?? customer.companyName}
      </Text>
      {details.isPending && <PageLoader />}
      {details.isError && <LoadError error={details.error} onRetry={() => void details.refetch()} />}
      {details.data && <EditAddressForm details={details.data} onClose={onClose} />}
    </Modal>
  );
}

const blank = (value: string | null | undefined) => (value ?? '').trim() === '';

function EditAddressForm({ details, onClose }: { details: CustomerDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const edit = useEditAddress();
  const required = (key: 'street' | 'postalCode' | 'city' | 'country') => (value: string) =>
    blank(value) ? t(`customers.validation.${key}`) : null;
  const requiredForBilling =
    (key: 'street' | 'postalCode' | 'city' | 'country') => (value: string, values: EditAddressValues) =>
      values.differentBilling ? required(key)(value) : null;
  const form = useForm<EditAddressValues>({
    initialValues: valuesOf(details),
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

  // After a conflict the details are loaded again: the form shows what is stored now.
  const shownVersion = useRef(details.version);
  useEffect(() => {
    if (shownVersion.current === details.version) return;
    shownVersion.current = details.version;
    form.setValues(valuesOf(details));
    form.resetDirty(valuesOf(details));
  }, [details, form]);

  const submit = form.onSubmit((values) =>
    edit.mutate(
      {
        id: details.id,
        address: values.address,
        vatId: blank(values.vatId) ? null : values.vatId,
        billingAddress: values.differentBilling ? values.billingAddress : null,
        version: details.version,
      },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'green',
            message: t('customers.editAddress.saved', { company: saved.companyName }),
          });
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
    <form onSubmit={submit} noValidate>
      <Stack>
        {edit.isError && fieldOf(edit.error, fields) === null && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {isApiError(edit.error, 'CONFLICT') ? t('customers.conflict') : message(edit.error)}
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
            {t('customers.editAddress.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

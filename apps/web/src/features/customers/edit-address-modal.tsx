import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { CustomerDetails, CustomerRow } from '@vmsp/contracts';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import {
  CompanyAddressFields,
  companyAddressFields,
  companyAddressRequest,
  companyAddressValues,
  useCompanyAddressForm,
} from './company-address-form.tsx';
import { useCustomer, useEditAddress } from './customers-api.ts';

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

const _blank = (value: string | null | undefined) => (value ?? '').trim() === '';

function EditAddressForm({ details, onClose }: { details: CustomerDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const edit = useEditAddress();
  const form = useCompanyAddressForm(companyAddressValues(details));

  // After a conflict the details are loaded again: the form shows what is stored now.
  const shownVersion = useRef(details.version);
  useEffect(() => {
    if (shownVersion.current === details.version) return;
    shownVersion.current = details.version;
    form.setValues(companyAddressValues(details));
    form.resetDirty(companyAddressValues(details));
  }, [details, form]);

  const submit = form.onSubmit((values) =>
    edit.mutate(
      {
        id: details.id,
        ...companyAddressRequest(values),
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
          const field = fieldOf(error, companyAddressFields);
          if (field) form.setFieldError(field, message(error));
        },
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {edit.isError && fieldOf(edit.error, companyAddressFields) === null && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {isApiError(edit.error, 'CONFLICT') ? t('customers.conflict') : message(edit.error)}
          </Alert>
        )}
        <CompanyAddressFields form={form} />
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

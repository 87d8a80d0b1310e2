import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { PortalCompany } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import {
  CompanyAddressFields,
  companyAddressFields,
  companyAddressRequest,
  companyAddressValues,
  useCompanyAddressForm,
} from '../customers/company-address-form.tsx';
import { useEditPortalCompany } from './company-api.ts';

const _blank = (value: string | null | undefined) => (value ?? '').trim() === '';

/**
 * `Edit company`: a self-service customer's address and VAT-ID, with the fields and rules of
 * `Edit Address`. The server checks the VAT-ID; its answer is shown at the field it concerns.
 */
export function EditCompanyModal({ company, onClose }: { company: PortalCompany; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const edit = useEditPortalCompany();
  const form = useCompanyAddressForm(companyAddressValues(company));

  const submit = form.onSubmit((values) =>
    edit.mutate(companyAddressRequest(values), {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('deletion.company.saved') });
        onClose();
      },
      onError: (error) => {
        const field = fieldOf(error, companyAddressFields);
        if (field) form.setFieldError(field, message(error));
      },
    }),
  );

  return (
    <Modal opened onClose={onClose} title={t('deletion.company.editCompany')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {edit.isError && fieldOf(edit.error, companyAddressFields) === null && (
            <Alert color="red" icon={<IconAlertTriangle />} role="alert">
              {isApiError(edit.error, 'MANAGED_BY_PROVIDER')
                ? t('deletion.company.managedNote')
                : message(edit.error)}
            </Alert>
          )}
          <CompanyAddressFields form={form} />
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

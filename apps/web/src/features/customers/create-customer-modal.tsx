import { Alert, Anchor, Button, Group, Modal, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Address, Locale, ServiceMode } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { fieldOf } from '../../app/field-error.ts';
import { currentLocale } from '../../app/i18n/index.ts';
import { AddressFields, addressFieldPaths } from './address-fields.tsx';
import { useCreateCustomer } from './customers-api.ts';

interface CreateCustomerValues {
  companyName: string;
  address: Address;
  vatId: string;
  contactName: string;
  contactEmail: string;
  serviceMode: ServiceMode;
  locale: Locale;
}

const fields = [
  'companyName',
  ...addressFieldPaths('address'),
  'vatId',
  'contactName',
  'contactEmail',
  'serviceMode',
  'locale',
] as const;

const blank = (value: string) => value.trim() === '';

/** `+ New Customer`: the company, its contact person, the service mode; `Create` invites the contact. */
export function CreateCustomerModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const create = useCreateCustomer();
  const form = useForm<CreateCustomerValues>({
    initialValues: {
      companyName: '',
      address: { street: '', postalCode: '', city: '', country: 'DE' },
      vatId: '',
      contactName: '',
      contactEmail: '',
      serviceMode: 'managed',
      locale: currentLocale(),
    },
    validate: {
      companyName: (v) => (blank(v) ? t('customers.validation.companyName') : null),
      address: {
        street: (v) => (blank(v) ? t('customers.validation.street') : null),
        postalCode: (v) => (blank(v) ? t('customers.validation.postalCode') : null),
        city: (v) => (blank(v) ? t('customers.validation.city') : null),
        country: (v) => (blank(v ?? '') ? t('customers.validation.country') : null),
      },
      contactName: (v) => (blank(v) ? t('customers.validation.contactName') : null),
      contactEmail: (v) =>
        /^[^\s@]+@[^\s@]+$/.test(v.trim()) ? null : t('customers.validation.contactEmail'),
    },
  });

  const submit = form.onSubmit((values) =>
    create.mutate(
      { ...values, vatId: blank(values.vatId) ? null : values.vatId },
      {
        onSuccess: (customer) => {
          notifications.show({
            color: 'green',
            message: t('customers.create.created', { email: customer.contactEmail }),
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
    <Modal opened onClose={onClose} title={t('customers.create.title')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {create.isError && fieldOf(create.error, fields) === null && (
            <Alert color="red" icon={<IconAlertTriangle />} role="alert">
              {message(create.error)}
              {isApiError(create.error, 'MAIL_NOT_CONFIGURED') && (
                <>
                  {' '}
                  <Anchor component={Link} to="/admin/settings/mail" size="sm">
                    {t('customers.create.toMailSettings')}
                  </Anchor>
                </>
              )}
            </Alert>
          )}
          <TextInput
            label={t('customers.create.companyName')}
            data-autofocus
            {...form.getInputProps('companyName')}
          />
          <AddressFields
            legend={t('customers.editAddress.companyAddress')}
            inputProps={(field) => form.getInputProps(`address.${field}`)}
          />
          <TextInput
            label={t('address.vatId')}
            description={t('address.vatIdHint')}
            {...form.getInputProps('vatId')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('customers.create.contactName')} {...form.getInputProps('contactName')} />
            <TextInput
              label={t('customers.create.contactEmail')}
              description={t('customers.create.contactEmailHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              type="email"
              {...form.getInputProps('contactEmail')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Radio.Group label={t('customers.create.serviceMode')} {...form.getInputProps('serviceMode')}>
              <Stack gap="xs" mt="xs">
                <Radio value="managed" label={t('customers.serviceMode.managed')} />
                <Radio value="self-service" label={t('customers.serviceMode.self-service')} />
              </Stack>
            </Radio.Group>
            <Radio.Group label={t('customers.create.locale')} {...form.getInputProps('locale')}>
              <Stack gap="xs" mt="xs">
                <Radio value="en" label={t('customers.create.localeEn')} />
                <Radio value="de" label={t('customers.create.localeDe')} />
              </Stack>
            </Radio.Group>
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('customers.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { CustomerDetails, CustomerRow } from '@vmsp/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { useFormatDateTime } from '../../app/format.ts';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useCustomer, useDeleteCustomer } from './customers-api.ts';

/** The word the admin types; the server compares it as it is, so it is not translated. */
const CONFIRMATION_WORD = 'DELETE';

/**
 * `Delete` (R-3.9, seed §3.2.9). Whether the customer ever registered decides the dialog, so it reads the
 * details (the row does not say): a registered one needs `DELETE` typed and is only marked for deletion; an
 * invited one goes at once with `Confirm` alone.
 */
export function DeleteCustomerModal({ customer, onClose }: { customer: CustomerRow; onClose: () => void }) {
  const { t } = useTranslation();
  const details = useCustomer(customer.id);
  return (
    <Modal opened onClose={onClose} title={t('deletion.title')}>
      {details.isPending && <PageLoader />}
      {details.isError && <LoadError error={details.error} onRetry={() => void details.refetch()} />}
      {details.data && <DeleteCustomerForm details={details.data} onClose={onClose} />}
    </Modal>
  );
}

function DeleteCustomerForm({ details, onClose }: { details: CustomerDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const formatDateTime = useFormatDateTime();
  const remove = useDeleteCustomer();
  const [typed, setTyped] = useState('');
  const registered = details.registeredAt !== null;
  const confirmed = !registered || typed === CONFIRMATION_WORD;
  const company = details.companyName;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!confirmed) return;
    remove.mutate(
      { id: details.id, version: details.version, ...(registered ? { confirmation: typed } : {}) },
      {
        onSuccess: (result) => {
          notifications.show(
            result.purged
              ? { color: 'green', message: t('deletion.deleted', { company }) }
              : {
                  color: 'orange',
                  message: t('deletion.marked', { company, at: formatDateTime(result.purgeAt) }),
                },
          );
          onClose();
        },
      },
    );
  };

  // A refused confirmation belongs to the input when there is one; otherwise the details were stale (the
  // customer registered meanwhile) and are reloaded, which brings the input.
  const inputError = registered && isApiError(remove.error, 'DELETE_NOT_CONFIRMED');
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{t(registered ? 'deletion.registeredText' : 'deletion.invitedText', { company })}</Text>
        {remove.isError && !inputError && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {isApiError(remove.error, 'CONFLICT') ? t('customers.conflict') : message(remove.error)}
          </Alert>
        )}
        {registered && (
          <TextInput
            label={t('deletion.confirmationLabel')}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            error={inputError ? message(remove.error) : undefined}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={remove.isPending} disabled={!confirmed}>
            {t('deletion.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

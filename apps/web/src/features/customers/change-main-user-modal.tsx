import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { CustomerDetails, CustomerRow } from '@vmsp/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useChangeMainUser, useCustomer } from './customers-api.ts';

/** `Change Main User` (R-3.8, seed §3.2.8): the users come with the details, which the row does not carry. */
export function ChangeMainUserModal({ customer, onClose }: { customer: CustomerRow; onClose: () => void }) {
  const { t } = useTranslation();
  const details = useCustomer(customer.id);
  return (
    <Modal opened onClose={onClose} title={t('customers.actions.change-main-user')}>
      <Text size="sm" c="dimmed" mb="md">
        {details.data?.companyName ?? customer.companyName}
      </Text>
      {details.isPending && <PageLoader />}
      {details.isError && <LoadError error={details.error} onRetry={() => void details.refetch()} />}
      {details.data && <ChangeMainUserForm details={details.data} onClose={onClose} />}
    </Modal>
  );
}

function ChangeMainUserForm({ details, onClose }: { details: CustomerDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const change = useChangeMainUser();
  const [userId, setUserId] = useState<string | null>(null);
  const mainUser = details.users.find((user) => user.isMainUser);
  // Only active users can take over; the server refuses the others as well.
  const candidates = details.users.filter((user) => user.status === 'active' && !user.isMainUser);
  // Reloaded details (after a refusal) may no longer list the chosen user as a candidate.
  const chosen = candidates.some((user) => user.id === userId) ? userId : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const user = candidates.find((candidate) => candidate.id === chosen);
    if (!user) return;
    change.mutate(
      { id: details.id, userId: user.id, version: details.version },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'green',
            message: t('deletion.mainUser.saved', { email: user.email, company: saved.companyName }),
          });
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {mainUser && <Text>{t('deletion.mainUser.current', { email: mainUser.email })}</Text>}
        {change.isError && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {isApiError(change.error, 'CONFLICT') ? t('customers.conflict') : message(change.error)}
          </Alert>
        )}
        {candidates.length === 0 ? (
          <Alert color="gray" role="note">
            {t('deletion.mainUser.noCandidates')}
          </Alert>
        ) : (
          <Radio.Group
            label={t('deletion.mainUser.newMainUser')}
            description={t('deletion.mainUser.hint')}
            value={chosen}
            onChange={setUserId}
          >
            <Stack gap="xs" mt="xs">
              {candidates.map((user) => (
                <Radio key={user.id} value={user.id} label={user.email} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {candidates.length > 0 && (
            <Button type="submit" loading={change.isPending} disabled={chosen === null}>
              {t('deletion.mainUser.save')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

import { Alert, Button, Checkbox, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { CustomerDetails } from '@vmsp/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/error-message.ts';
import { useSetLocked } from './customers-api.ts';

/** `Account locked` + `Save` (R-3.5, seed §3.2.3); sends the version it was shown, so a stale change is refused. */
export function AccountLockForm({ details }: { details: CustomerDetails }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const setLocked = useSetLocked();
  const [locked, setLockedValue] = useState(details.locked);
  // New data (after a save, or reloaded after a conflict) shows what is stored now.
  const [shownVersion, setShownVersion] = useState(details.version);
  if (shownVersion !== details.version) {
    setShownVersion(details.version);
    setLockedValue(details.locked);
  }

  const save = () =>
    setLocked.mutate(
      { id: details.id, locked, version: details.version },
      {
        onSuccess: (saved) =>
          notifications.show({
            color: 'green',
            message: t(saved.locked ? 'customers.details.lockSaved' : 'customers.details.unlockSaved', {
              company: saved.companyName,
            }),
          }),
      },
    );

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <Stack gap="sm">
        {setLocked.isError && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {isApiError(setLocked.error, 'CONFLICT') ? t('customers.conflict') : message(setLocked.error)}
          </Alert>
        )}
        <Checkbox
          label={t('customers.details.locked')}
          description={t('customers.details.lockedHint')}
          checked={locked}
          onChange={(event) => setLockedValue(event.currentTarget.checked)}
        />
        <Group>
          <Button type="submit" loading={setLocked.isPending} disabled={locked === details.locked}>
            {t('customers.details.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

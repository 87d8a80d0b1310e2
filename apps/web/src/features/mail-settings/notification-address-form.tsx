import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { useUnsavedChanges } from '../../app/unsaved-changes.tsx';
import { useNotificationSettings, useSaveNotificationSettings } from './mail-settings-api.ts';

/** The provider's notification address: empty means the first administrator. */
export function NotificationAddressForm() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const settings = useNotificationSettings();
  const save = useSaveNotificationSettings();
  const [address, setAddress] = useState('');
  useEffect(() => {
    if (settings.data) setAddress(settings.data.address ?? '');
  }, [settings.data]);
  const dirty = settings.data !== undefined && address !== (settings.data.address ?? '');
  const leavePrompt = useUnsavedChanges(dirty);

  return (
    <Stack>
      <Title order={3} size="h4">
        {t('mailSettings.notificationsTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('mailSettings.notificationsHint')}
      </Text>
      {settings.data?.effectiveAddress && (
        <Text size="sm">
          {t('mailSettings.notificationsNow', { address: settings.data.effectiveAddress })}
        </Text>
      )}
      <TextInput
        label={t('mailSettings.notificationsAddress')}
        type="email"
        value={address}
        onChange={(event) => setAddress(event.currentTarget.value)}
        error={save.isError ? message(save.error) : undefined}
        maw={420}
      />
      <Group>
        <Button
          aria-label={t('mailSettings.notificationsSave')}
          loading={save.isPending}
          disabled={!dirty}
          onClick={() =>
            save.mutate(
              { address },
              {
                onSuccess: () =>
                  notifications.show({ color: 'green', message: t('mailSettings.notificationsSaved') }),
              },
            )
          }
        >
          {t('common.save')}
        </Button>
      </Group>
      {leavePrompt}
    </Stack>
  );
}

import { Alert, Button, Card, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useUnsavedChanges } from '../../app/unsaved-changes.tsx';
import { PriceTableCards } from '../prices/price-table-cards.tsx';
import { useSaveSelfServiceSettings, useSelfServiceSettings } from './self-service-api.ts';

/**
 * Billing → Self-Service: whether anyone may register a self-service customer account (R-5.1, seed §3.5.1),
 * and the price table with its versions.
 */
export default function SelfServicePage() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const settings = useSelfServiceSettings();
  const save = useSaveSelfServiceSettings();
  const [enabled, setEnabled] = useState(false);
  useEffect(() => {
    if (settings.data) setEnabled(settings.data.registrationEnabled);
  }, [settings.data]);
  const dirty = settings.data !== undefined && enabled !== settings.data.registrationEnabled;
  const leavePrompt = useUnsavedChanges(dirty);

  const submit = () =>
    save.mutate(
      { registrationEnabled: enabled },
      { onSuccess: () => notifications.show({ color: 'green', message: t('selfService.saved') }) },
    );

  return (
    <Stack maw={1200}>
      <Title order={2}>{t('selfService.title')}</Title>
      {settings.isPending && <PageLoader />}
      {settings.isError && <LoadError error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && (
        <Card
          withBorder
          padding="lg"
          radius="md"
          maw={640}
          component="section"
          aria-label={t('selfService.registration')}
        >
          <Stack>
            <Checkbox
              label={t('selfService.enable')}
              description={t('selfService.enableHint', { url: `${window.location.origin}/sign-up` })}
              checked={enabled}
              onChange={(event) => setEnabled(event.currentTarget.checked)}
            />
            {save.isError && (
              <Alert color="red" icon={<IconAlertTriangle />} role="alert">
                {message(save.error)}
              </Alert>
            )}
            <Group>
              <Button onClick={submit} disabled={!dirty} loading={save.isPending}>
                {t('selfService.save')}
              </Button>
            </Group>
            <Text size="sm" c="dimmed">
              {t('selfService.adminCreateNote')}
            </Text>
          </Stack>
        </Card>
      )}
      <PriceTableCards />
      {leavePrompt}
    </Stack>
  );
}

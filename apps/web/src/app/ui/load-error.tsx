import { Alert, Button, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../error-message.ts';

/** Shown in place of data that could not be loaded, with a way to ask again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={t('app.loadFailed')}>
      <Stack gap="sm" align="flex-start">
        {message(error)}
        <Button variant="light" color="red" size="xs" onClick={onRetry}>
          {t('app.tryAgain')}
        </Button>
      </Stack>
    </Alert>
  );
}

import { Alert, Button, Container } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/** Shown when rendering a route throws, e.g. a page's code could not be loaded after a deployment. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  useEffect(() => console.error(error), [error]);
  return (
    <Container size="sm" py="xl">
      <Alert color="red" icon={<IconAlertTriangle />} title={t('app.crashed')}>
        <Button mt="sm" variant="light" color="red" onClick={() => window.location.reload()}>
          {t('app.reload')}
        </Button>
      </Alert>
    </Container>
  );
}

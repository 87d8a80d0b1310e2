import { Alert, Button, Stack, Title } from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** A one-time link (setup, invitation) that expired, was used, or was replaced; `text` says whom to ask. */
export function InvalidLink({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('invalidLink.title')}</Title>
      <Alert color="orange" icon={<IconLinkOff />}>
        {text}
      </Alert>
      <Button component={Link} to="/sign-in" variant="light">
        {t('invalidLink.toSignIn')}
      </Button>
    </Stack>
  );
}

import { Container, Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ColorSchemeToggle } from './color-scheme-toggle.tsx';
import { LanguageSwitch } from './language-switch.tsx';

/**
 * The frame of the pages used without a session (sign-in, setup, password reset, invitations, sign-up): the
 * `main` landmark, with the product name as the page's `h1` and each page's title as an `h2` below it.
 */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Container component="main" size={460} py={60}>
      <Group justify="space-between" mb="lg">
        <Title order={1} size="h3">
          {t('app.name')}
        </Title>
        <Group gap="xs">
          <LanguageSwitch />
          <ColorSchemeToggle />
        </Group>
      </Group>
      <Paper withBorder shadow="sm" p="xl" radius="md">
        {children}
      </Paper>
    </Container>
  );
}

import { Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch.tsx';
import { SkipLink } from './skip-link.tsx';
import { UserMenu } from './user-menu.tsx';

/**
 * The skip link, the product name, language switch and user menu; `start` holds e.g. the menu panel's burger.
 * The product name is the page's one `h1`; each page's title is an `h2` below it.
 */
export function TopBar({ start }: { start?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <SkipLink />
      {/* On a phone the name gives way to the controls: one line, ending in an ellipsis. */}
      <Group gap="sm" wrap="nowrap" miw={0}>
        {start}
        <Title order={1} size="h4" lineClamp={1} title={t('app.name')}>
          {t('app.name')}
        </Title>
      </Group>
      <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
        <LanguageSwitch />
        <UserMenu />
      </Group>
    </Group>
  );
}

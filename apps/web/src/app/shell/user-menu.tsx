import { Box, Button, Menu } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSignOut } from '../../features/auth/session-api.ts';
import { ColorSchemeItems } from './color-scheme-items.tsx';
import { useCurrentUser } from './current-user.tsx';

export function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const signOut = useSignOut();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconUserCircle size={18} />}
          rightSection={<IconChevronDown size={14} />}
          title={t('userMenu.open')}
          aria-label={user.email}
        >
          {/* A phone has no room for the address: the menu names it ("Signed in as …"). */}
          <Box component="span" visibleFrom="sm">
            {user.email}
          </Box>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {t('userMenu.signedInAs')} {user.email}
        </Menu.Label>
        <ColorSchemeItems />
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          disabled={signOut.isPending}
          onClick={() => signOut.mutate()}
        >
          {t('userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

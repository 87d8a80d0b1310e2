import { NavLink, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { adminMenu } from './admin-menu.ts';
import { adminMenuIcons } from './admin-menu-icons.ts';

export function AdminNavbar({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Stack gap="lg">
      {adminMenu
        .filter((category) => category.entries.length > 0)
        .map((category) => (
          <div key={category.id}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
              {t(`admin.categories.${category.id}`)}
            </Text>
            {category.entries.map((entry) => {
              const to = `/admin/${entry.path}`;
              const active = pathname === to || pathname.startsWith(`${to}/`);
              const Icon = adminMenuIcons[entry.id];
              return (
                <NavLink
                  key={entry.id}
                  component={Link}
                  to={to}
                  label={t(`admin.entries.${entry.id}`)}
                  leftSection={<Icon size={18} stroke={1.6} />}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  onClick={onNavigate}
                />
              );
            })}
          </div>
        ))}
    </Stack>
  );
}

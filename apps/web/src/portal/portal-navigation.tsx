import { Button, Group } from '@mantine/core';
import { IconFileInvoice, IconHome, IconReceipt2, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

const entries = [
  { to: '/portal', label: 'subscriptions.portalNav.overview', icon: IconHome },
  { to: '/portal/subscription', label: 'subscriptions.portalNav.subscription', icon: IconReceipt2 },
  { to: '/portal/team', label: 'team.nav', icon: IconUsers },
  { to: '/portal/invoices', label: 'subscriptions.portalNav.invoices', icon: IconFileInvoice },
] as const;

/** The portal's pages; the one shown is marked as the current page. */
export function PortalNavigation() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Group component="nav" aria-label={t('subscriptions.portalNav.label')} gap="xs" mb="lg">
      {entries.map(({ to, label, icon: Icon }) => {
        const current = pathname.replace(/\/$/, '') === to;
        return (
          <Button
            key={to}
            component={Link}
            to={to}
            variant={current ? 'light' : 'subtle'}
            color={current ? undefined : 'gray'}
            leftSection={<Icon size={16} />}
            aria-current={current ? 'page' : undefined}
          >
            {t(label)}
          </Button>
        );
      })}
    </Group>
  );
}

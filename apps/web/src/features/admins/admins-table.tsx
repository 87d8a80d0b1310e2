import { Button, Text } from '@mantine/core';
import type { Admin } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../app/format.ts';
import { useCurrentUser } from '../../app/shell/current-user.tsx';
import { type ListColumn, ResponsiveList } from '../../app/ui/responsive-list.tsx';
import { StatusBadge } from '../../app/ui/status-badge.tsx';

/** The administrators with `Remove`; not on the signed-in admin's own row, which says why (the server refuses it too). */
export function AdminsTable({ admins, onRemove }: { admins: Admin[]; onRemove: (admin: Admin) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const formatDateTime = useFormatDateTime();
  const columns: ListColumn<Admin>[] = [
    { key: 'email', label: t('admins.columns.email'), card: 'title', cell: (admin) => admin.email },
    {
      key: 'status',
      label: t('admins.columns.status'),
      card: 'field',
      cell: (admin) => (
        <StatusBadge color={admin.status === 'active' ? 'green' : 'yellow'}>
          {t(`admins.status.${admin.status}`)}
        </StatusBadge>
      ),
    },
    {
      key: 'createdAt',
      label: t('admins.columns.createdAt'),
      card: 'field',
      cell: (admin) => formatDateTime(admin.createdAt),
    },
    {
      key: 'actions',
      label: t('admins.columns.actions'),
      card: 'footer',
      cell: (admin) =>
        admin.id === me.id ? (
          <Text size="xs">{t('errors.CANNOT_REMOVE_SELF')}</Text>
        ) : (
          <Button size="xs" variant="subtle" color="red" onClick={() => onRemove(admin)}>
            {t('admins.remove')}
          </Button>
        ),
    },
  ];
  return <ResponsiveList items={admins} itemKey={(admin) => admin.id} columns={columns} minWidth={600} />;
}

import { Button, Table, Text } from '@mantine/core';
import type { Admin } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../app/format.ts';
import { useCurrentUser } from '../../app/shell/current-user.tsx';
import { StatusBadge } from '../../app/ui/status-badge.tsx';

/** The administrators with `Remove`; not on the signed-in admin's own row, which says why (the server refuses it too). */
export function AdminsTable({ admins, onRemove }: { admins: Admin[]; onRemove: (admin: Admin) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const formatDateTime = useFormatDateTime();
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admins.columns.email')}</Table.Th>
            <Table.Th>{t('admins.columns.status')}</Table.Th>
            <Table.Th>{t('admins.columns.createdAt')}</Table.Th>
            <Table.Th>{t('admins.columns.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {admins.map((admin) => (
            <Table.Tr key={admin.id}>
              <Table.Td>{admin.email}</Table.Td>
              <Table.Td>
                <StatusBadge color={admin.status === 'active' ? 'green' : 'yellow'}>
                  {t(`admins.status.${admin.status}`)}
                </StatusBadge>
              </Table.Td>
              <Table.Td>{formatDateTime(admin.createdAt)}</Table.Td>
              <Table.Td>
                {admin.id === me.id ? (
                  <Text size="xs">{t('errors.CANNOT_REMOVE_SELF')}</Text>
                ) : (
                  <Button size="xs" variant="subtle" color="red" onClick={() => onRemove(admin)}>
                    {t('admins.remove')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

import { Button, Group, Stack, Title } from '@mantine/core';
import type { Admin } from '@vmsp/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useAdmins } from './admins-api.ts';
import { AdminsTable } from './admins-table.tsx';
import { InviteAdminModal } from './invite-admin-modal.tsx';
import { RemoveAdminModal } from './remove-admin-modal.tsx';

export default function AdminsPage() {
  const { t } = useTranslation();
  const admins = useAdmins();
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<Admin | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('admins.title')}</Title>
        <Button onClick={() => setInviting(true)}>{t('admins.newAdmin')}</Button>
      </Group>
      {admins.isPending && <PageLoader />}
      {admins.isError && <LoadError error={admins.error} onRetry={() => void admins.refetch()} />}
      {admins.data && <AdminsTable admins={admins.data.items} onRemove={setRemoving} />}
      {inviting && <InviteAdminModal onClose={() => setInviting(false)} />}
      {removing && <RemoveAdminModal admin={removing} onClose={() => setRemoving(null)} />}
    </Stack>
  );
}

import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { type Confirmation, ConfirmMemberModal } from './confirm-member-modal.tsx';
import { InviteMemberModal } from './invite-member-modal.tsx';
import { useTeam } from './team-api.ts';
import { TeamTable } from './team-table.tsx';

/**
 * The portal's Team page: every user of the company. The main user invites, disables, enables and
 * removes members and can hand the role over; everyone else reads it.
 */
export default function TeamPage() {
  const { t } = useTranslation();
  const team = useTeam();
  const [inviting, setInviting] = useState(false);
  const [confirming, setConfirming] = useState<Confirmation | null>(null);
  const mainUser = team.data?.members.find((m) => m.isMainUser);

  return (
    <Stack maw={960}>
      <Group justify="space-between">
        <Title order={2}>{t('team.title')}</Title>
        {team.data?.canManage && <Button onClick={() => setInviting(true)}>{t('team.newInvite')}</Button>}
      </Group>
      <Text>{t('team.intro')}</Text>
      {team.data && !team.data.canManage && mainUser && (
        <Alert color="blue" icon={<IconInfoCircle />}>
          {t('team.readOnly', { email: mainUser.email })}
        </Alert>
      )}
      {team.isPending && <PageLoader />}
      {team.isError && <LoadError error={team.error} onRetry={() => void team.refetch()} />}
      {team.data && (
        <TeamTable members={team.data.members} canManage={team.data.canManage} onConfirm={setConfirming} />
      )}
      {inviting && <InviteMemberModal onClose={() => setInviting(false)} />}
      {confirming && <ConfirmMemberModal confirmation={confirming} onClose={() => setConfirming(null)} />}
    </Stack>
  );
}

import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TeamMember } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { useFormatDateTime } from '../../app/format.ts';
import { type ListColumn, ResponsiveList } from '../../app/ui/responsive-list.tsx';
import { StatusBadge } from '../../app/ui/status-badge.tsx';
import type { Confirmation } from './confirm-member-modal.tsx';
import { useResendInvitation, useSetMemberEnabled } from './team-api.ts';

const statusColor = { invited: 'yellow', active: 'green', disabled: 'gray' } as const;

type ActionName = 'disable' | 'enable' | 'remove' | 'resend' | 'withdraw' | 'handOver';

export function TeamTable({
  members,
  canManage,
  onConfirm,
}: {
  members: TeamMember[];
  canManage: boolean;
  onConfirm: (confirmation: Confirmation) => void;
}) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const columns: ListColumn<TeamMember>[] = [
    {
      key: 'email',
      label: t('team.columns.email'),
      card: 'title',
      cell: (member) => (
        <Group gap="xs" wrap="wrap">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {member.email}
          </Text>
          {member.isYou && (
            <Text size="sm" c="dimmed">
              {t('team.you')}
            </Text>
          )}
          {member.isMainUser && (
            <StatusBadge variant="outline" color="blue">
              {t('team.mainUser')}
            </StatusBadge>
          )}
        </Group>
      ),
    },
    {
      key: 'status',
      label: t('team.columns.status'),
      card: 'field',
      cell: (member) => (
        <StatusBadge color={statusColor[member.status]}>{t(`team.status.${member.status}`)}</StatusBadge>
      ),
    },
    {
      key: 'since',
      label: t('team.columns.since'),
      card: 'field',
      cell: (member) => formatDateTime(member.createdAt),
    },
  ];
  if (canManage)
    columns.push({
      key: 'actions',
      label: t('team.columns.actions'),
      card: 'footer',
      cell: (member) => !member.isMainUser && <MemberActions member={member} onConfirm={onConfirm} />,
    });
  return (
    <ResponsiveList
      items={members}
      itemKey={(member) => member.id}
      columns={columns}
      label={t('team.tableLabel')}
      minWidth={640}
    />
  );
}

/**
 * What the main user can do with a member. Enabling, disabling and resending act at once; removing,
 * withdrawing and the hand-over ask first. Each button's accessible name says whom it concerns.
 */
function MemberActions({
  member,
  onConfirm,
}: {
  member: TeamMember;
  onConfirm: (confirmation: Confirmation) => void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const setEnabled = useSetMemberEnabled();
  const resend = useResendInvitation();
  const email = member.email;
  const failed = (error: unknown) => notifications.show({ color: 'red', message: message(error) });
  const action = (name: ActionName) => ({ 'aria-label': t(`team.actionLabels.${name}`, { email }) });

  const toggle = (enabled: boolean) =>
    setEnabled.mutate(
      { id: member.id, enabled },
      {
        onSuccess: () =>
          notifications.show({
            color: 'green',
            message: t(enabled ? 'team.enabled' : 'team.disabled', { email }),
          }),
        onError: failed,
      },
    );

  return (
    <Group gap="xs" role="group" aria-label={t('team.actionsFor', { email })}>
      {member.status === 'invited' ? (
        <>
          <Button
            size="xs"
            variant="light"
            loading={resend.isPending}
            {...action('resend')}
            onClick={() =>
              resend.mutate(member.id, {
                onSuccess: () => notifications.show({ color: 'green', message: t('team.resent', { email }) }),
                onError: failed,
              })
            }
          >
            {t('team.actions.resend')}
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            {...action('withdraw')}
            onClick={() => onConfirm({ kind: 'withdraw', member })}
          >
            {t('team.actions.withdraw')}
          </Button>
        </>
      ) : (
        <>
          {member.status === 'active' && (
            <Button
              size="xs"
              variant="light"
              {...action('handOver')}
              onClick={() => onConfirm({ kind: 'handOver', member })}
            >
              {t('team.actions.handOver')}
            </Button>
          )}
          <Button
            size="xs"
            variant="default"
            loading={setEnabled.isPending}
            {...action(member.status === 'active' ? 'disable' : 'enable')}
            onClick={() => toggle(member.status !== 'active')}
          >
            {t(member.status === 'active' ? 'team.actions.disable' : 'team.actions.enable')}
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            {...action('remove')}
            onClick={() => onConfirm({ kind: 'remove', member })}
          >
            {t('team.actions.remove')}
          </Button>
        </>
      )}
    </Group>
  );
}

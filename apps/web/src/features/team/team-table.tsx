import { Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TeamMember } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { useFormatDateTime } from '../../app/format.ts';
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
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover aria-label={t('team.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('team.columns.email')}</Table.Th>
            <Table.Th>{t('team.columns.status')}</Table.Th>
            <Table.Th>{t('team.columns.since')}</Table.Th>
            {canManage && <Table.Th>{t('team.columns.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => (
            <Table.Tr key={member.id}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm">{member.email}</Text>
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
              </Table.Td>
              <Table.Td>
                <StatusBadge color={statusColor[member.status]}>
                  {t(`team.status.${member.status}`)}
                </StatusBadge>
              </Table.Td>
              <Table.Td>{formatDateTime(member.createdAt)}</Table.Td>
              {canManage && (
                <Table.Td>
                  {!member.isMainUser && <MemberActions member={member} onConfirm={onConfirm} />}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
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

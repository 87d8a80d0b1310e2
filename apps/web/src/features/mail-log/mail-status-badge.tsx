import { Group } from '@mantine/core';
import type { MailLogEntry } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../app/ui/status-badge.tsx';

const colors = { queued: 'blue', sent: 'green', failed: 'red' } as const;

export function MailStatusBadge({ mail }: { mail: MailLogEntry }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <StatusBadge color={colors[mail.status]}>{t(`mailLog.status.${mail.status}`)}</StatusBadge>
      {mail.logOnly && (
        <StatusBadge color="gray" variant="outline">
          {t('mailLog.logOnly')}
        </StatusBadge>
      )}
    </Group>
  );
}

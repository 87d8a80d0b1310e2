import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { MailLogEntry } from '@vmsp/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { useFormatDateTime } from '../../app/format.ts';
import { useRetryMail } from './mail-log-api.ts';
import { MailMessageModal } from './mail-message-modal.tsx';
import { MailStatusBadge } from './mail-status-badge.tsx';
import './texts.ts';

// A date and time read as one: never broken over two lines.
const noWrap = { whiteSpace: 'nowrap' } as const;

export function MailLogTable({
  mails,
  searched,
  onClearSearch,
}: {
  mails: MailLogEntry[];
  /** A search is applied: an empty list then offers to clear it. */
  searched: boolean;
  onClearSearch: () => void;
}) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const message = useErrorMessage();
  const retry = useRetryMail();
  const [reading, setReading] = useState<MailLogEntry | null>(null);

  const retryMail = (mail: MailLogEntry) =>
    retry.mutate(mail.id, {
      onSuccess: () => notifications.show({ color: 'green', message: t('mailLog.retried') }),
      onError: (error) => notifications.show({ color: 'red', message: message(error) }),
    });

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('mailLog.columns.to')}</Table.Th>
            <Table.Th>{t('mailLog.columns.subject')}</Table.Th>
            <Table.Th>{t('mailLog.columns.status')}</Table.Th>
            <Table.Th>{t('mailLog.columns.attempts')}</Table.Th>
            <Table.Th>{t('mailLog.columns.lastError')}</Table.Th>
            <Table.Th>{t('mailLog.columns.createdAt')}</Table.Th>
            <Table.Th>{t('mailLog.columns.sentAt')}</Table.Th>
            <Table.Th>{t('mailLog.columns.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {mails.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={8}>
                {searched ? (
                  <Group gap="sm">
                    <Text c="dimmed">{t('mailLogSearch.noMatch')}</Text>
                    <Button size="xs" variant="light" onClick={onClearSearch}>
                      {t('mailLogSearch.clear')}
                    </Button>
                  </Group>
                ) : (
                  <Text c="dimmed">{t('mailLog.empty')}</Text>
                )}
              </Table.Td>
            </Table.Tr>
          )}
          {mails.map((mail) => (
            <Table.Tr key={mail.id}>
              <Table.Td>{mail.to}</Table.Td>
              <Table.Td>
                <Anchor component="button" type="button" ta="left" onClick={() => setReading(mail)}>
                  {mail.subject}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <MailStatusBadge mail={mail} />
              </Table.Td>
              <Table.Td>{mail.attempts}</Table.Td>
              <Table.Td maw={320}>
                <Text
                  size="sm"
                  c={mail.lastError && mail.status !== 'sent' ? 'red.8' : 'dimmed'}
                  style={{ wordBreak: 'break-word' }}
                >
                  {mail.lastError ?? t('common.noValue')}
                </Text>
              </Table.Td>
              <Table.Td style={noWrap}>{formatDateTime(mail.createdAt)}</Table.Td>
              <Table.Td style={noWrap}>{formatDateTime(mail.sentAt)}</Table.Td>
              <Table.Td>
                {mail.status === 'failed' && (
                  <Button
                    size="xs"
                    variant="light"
                    loading={retry.isPending && retry.variables === mail.id}
                    onClick={() => retryMail(mail)}
                  >
                    {t('mailLog.retry')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {reading && <MailMessageModal mail={reading} onClose={() => setReading(null)} />}
    </Table.ScrollContainer>
  );
}

import { Anchor, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { MailLogEntry } from '@vmsp/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/error-message.ts';
import { useFormatDateTime } from '../../app/format.ts';
import { type ListColumn, ResponsiveList } from '../../app/ui/responsive-list.tsx';
import { useRetryMail } from './mail-log-api.ts';
import { MailMessageModal } from './mail-message-modal.tsx';
import { MailStatusBadge } from './mail-status-badge.tsx';
import './texts.ts';

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

  const columns: ListColumn<MailLogEntry>[] = [
    { key: 'to', label: t('mailLog.columns.to'), card: 'field', cell: (mail) => mail.to },
    {
      key: 'subject',
      label: t('mailLog.columns.subject'),
      card: 'title',
      cell: (mail) => (
        <Anchor component="button" type="button" ta="left" onClick={() => setReading(mail)}>
          {mail.subject}
        </Anchor>
      ),
    },
    {
      key: 'status',
      label: t('mailLog.columns.status'),
      card: 'field',
      cell: (mail) => <MailStatusBadge mail={mail} />,
    },
    { key: 'attempts', label: t('mailLog.columns.attempts'), card: 'table', cell: (mail) => mail.attempts },
    {
      key: 'lastError',
      label: t('mailLog.columns.lastError'),
      card: 'field',
      cell: (mail) => (
        <Text
          size="sm"
          maw={320}
          c={mail.lastError && mail.status !== 'sent' ? 'red.8' : 'dimmed'}
          style={{ wordBreak: 'break-word' }}
        >
          {mail.lastError ?? t('common.noValue')}
        </Text>
      ),
    },
    {
      key: 'createdAt',
      label: t('mailLog.columns.createdAt'),
      card: 'field',
      noWrap: true,
      cell: (mail) => formatDateTime(mail.createdAt),
    },
    {
      key: 'sentAt',
      label: t('mailLog.columns.sentAt'),
      card: 'field',
      noWrap: true,
      cell: (mail) => formatDateTime(mail.sentAt),
    },
    {
      key: 'actions',
      label: t('mailLog.columns.actions'),
      card: 'actions',
      cell: (mail) =>
        mail.status === 'failed' && (
          <Button
            size="xs"
            variant="light"
            loading={retry.isPending && retry.variables === mail.id}
            onClick={() => retryMail(mail)}
          >
            {t('mailLog.retry')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <ResponsiveList
        items={mails}
        itemKey={(mail) => mail.id}
        columns={columns}
        minWidth={900}
        empty={
          searched ? (
            <Group gap="sm">
              <Text c="dimmed">{t('mailLogSearch.noMatch')}</Text>
              <Button size="xs" variant="light" onClick={onClearSearch}>
                {t('mailLogSearch.clear')}
              </Button>
            </Group>
          ) : (
            <Text c="dimmed">{t('mailLog.empty')}</Text>
          )
        }
      />
      {reading && <MailMessageModal mail={reading} onClose={() => setReading(null)} />}
    </>
  );
}

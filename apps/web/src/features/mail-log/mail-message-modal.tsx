import { Code, Modal, Stack, Text } from '@mantine/core';
import type { MailLogEntry } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useMailMessage } from './mail-log-api.ts';

/** The text of one recorded mail: with "log only" delivery, the way to read an invitation link. */
export function MailMessageModal({ mail, onClose }: { mail: MailLogEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useMailMessage(mail.id);
  return (
    <Modal opened onClose={onClose} title={mail.subject} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('mailLog.messageTo', { to: mail.to })}
        </Text>
        {message.isPending && <PageLoader />}
        {message.isError && <LoadError error={message.error} onRetry={() => void message.refetch()} />}
        {message.data && message.data.attachments.length > 0 && (
          <Text size="sm">
            {t('mailLog.messageAttachments', { files: message.data.attachments.join(', ') })}
          </Text>
        )}
        {message.data && (
          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {message.data.text}
          </Code>
        )}
      </Stack>
    </Modal>
  );
}

import { Alert, Button, CopyButton, Group, Stack, TextInput } from '@mantine/core';
import { IconCheck, IconCopy, IconInfoCircle, IconMailCheck } from '@tabler/icons-react';
import type { InviteAdminResponse } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';

/** The invitation link, shown once: the server keeps only its hash. */
export function InviteResult({ result, onDone }: { result: InviteAdminResponse; onDone: () => void }) {
  const { t } = useTranslation();
  const email = result.admin.email;
  return (
    <Stack>
      {result.mailed ? (
        <Alert color="green" icon={<IconMailCheck />}>
          {t('admins.inviteMailed', { email })}
        </Alert>
      ) : (
        <Alert color="yellow" icon={<IconInfoCircle />}>
          {t('admins.inviteNotMailed', { email })}
        </Alert>
      )}
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          label={t('admins.inviteUrl')}
          description={t('admins.inviteUrlHint', { email })}
          value={result.inviteUrl}
          readOnly
          flex={1}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton value={result.inviteUrl}>
          {({ copied, copy }) => (
            <Button
              variant="light"
              color={copied ? 'green' : undefined}
              leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              onClick={copy}
            >
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Group justify="flex-end">
        <Button onClick={onDone}>{t('admins.done')}</Button>
      </Group>
    </Stack>
  );
}

import { Button, CopyButton, DataList, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { StripeSettingsView } from '@vmsp/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../app/format.ts';
import { StatusBadge } from '../../app/ui/status-badge.tsx';

/** What Stripe said about the keys when they were checked, and the webhook URL to enter at Stripe. */
export function StripeAccount({ settings }: { settings: StripeSettingsView }) {
  const { t } = useTranslation();
  const titleId = useId();
  const formatDateTime = useFormatDateTime();
  return (
    <Stack component="section" aria-labelledby={titleId}>
      <Title order={3} id={titleId}>
        {t('payments.stripe.account.title')}
      </Title>
      <DataList labelWidth="11rem">
        <DataList.Item>
          <DataList.ItemLabel>{t('payments.stripe.account.accountId')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {settings.accountId === null ? (
              t('payments.stripe.account.notChecked')
            ) : (
              <Text span ff="monospace" size="sm">
                {settings.accountId}
              </Text>
            )}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('payments.stripe.account.mode')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {settings.mode === null ? (
              t('common.noValue')
            ) : (
              <StatusBadge color={settings.mode === 'live' ? 'green' : 'yellow'}>
                {t(`payments.stripe.mode.${settings.mode}`)}
              </StatusBadge>
            )}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('payments.stripe.account.checkedAt')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {settings.checkedAt === null
              ? t('payments.stripe.account.notChecked')
              : formatDateTime(settings.checkedAt)}
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          label={t('payments.stripe.account.webhookUrl')}
          description={t('payments.stripe.account.webhookUrlHint')}
          value={settings.webhookUrl}
          readOnly
          flex={1}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton value={settings.webhookUrl}>
          {({ copied, copy }) => (
            <Button
              variant="light"
              color={copied ? 'green' : undefined}
              leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              aria-label={t('payments.stripe.account.copyWebhookUrl')}
              onClick={copy}
            >
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

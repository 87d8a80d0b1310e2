import { Button, Stack, Text } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet, IconFileZip } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DownloadMenu } from '../../app/ui/download-menu.tsx';
import { useFormatMonth } from './invoice-format.ts';
import { exportUrl } from './invoices-api.ts';
import './texts.ts';

const spreadsheet = <IconFileSpreadsheet size={16} />;

/**
 * `Export`: the chosen month's invoices as CSV for accounting (comma or semicolon) or as one ZIP. The server
 * refuses the ZIP while documents are still being rendered, so it is offered only when none shown is pending.
 */
export function ExportMenu({
  month,
  documentsPending,
}: {
  month: string | undefined;
  documentsPending: boolean;
}) {
  const { t } = useTranslation();
  const formatMonth = useFormatMonth();
  const hintId = useId();
  if (month === undefined) {
    return (
      <Stack gap={2} align="flex-end">
        <Button variant="default" leftSection={<IconDownload size={16} />} disabled aria-describedby={hintId}>
          {t('invoices.export.button')}
        </Button>
        <Text id={hintId} size="xs" c="dimmed">
          {t('invoices.export.needsMonth')}
        </Text>
      </Stack>
    );
  }
  return (
    <DownloadMenu
      button={t('invoices.export.button')}
      label={t('invoices.export.label', { month: formatMonth(month) })}
      items={[
        { text: t('invoices.export.csvComma'), href: exportUrl('csv', month, 'comma'), icon: spreadsheet },
        {
          text: t('invoices.export.csvSemicolon'),
          href: exportUrl('csv', month, 'semicolon'),
          icon: spreadsheet,
        },
        {
          text: t('invoices.export.zip'),
          href: exportUrl('zip', month),
          icon: <IconFileZip size={16} />,
          ...(documentsPending ? { unavailable: t('invoices.documents.preparing') } : {}),
        },
      ]}
    />
  );
}

import { Button, Menu, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileZip } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatMonth } from './invoice-format.ts';
import { exportUrl } from './invoices-api.ts';
import './texts.ts';

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
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
        >
          {t('invoices.export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('invoices.export.label', { month: formatMonth(month) })}</Menu.Label>
        <Menu.Item
          component="a"
          href={exportUrl('csv', month, 'comma')}
          download
          leftSection={<IconFileSpreadsheet size={16} />}
        >
          {t('invoices.export.csvComma')}
        </Menu.Item>
        <Menu.Item
          component="a"
          href={exportUrl('csv', month, 'semicolon')}
          download
          leftSection={<IconFileSpreadsheet size={16} />}
        >
          {t('invoices.export.csvSemicolon')}
        </Menu.Item>
        {documentsPending ? (
          <Menu.Item disabled leftSection={<IconFileZip size={16} />}>
            {t('invoices.export.zip')}
            <Text size="xs" c="dimmed">
              {t('invoices.documents.preparing')}
            </Text>
          </Menu.Item>
        ) : (
          <Menu.Item
            component="a"
            href={exportUrl('zip', month)}
            download
            leftSection={<IconFileZip size={16} />}
          >
            {t('invoices.export.zip')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

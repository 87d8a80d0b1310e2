import { Button, Group, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { InvoiceListItem } from '@vmsp/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type DocumentFormat, type DocumentScope, documentUrl } from './invoices-api.ts';
import './texts.ts';

const formats: readonly DocumentFormat[] = ['pdf', 'xml'];

/**
 * `Download PDF` and `Download XML`. Until the documents are rendered (seconds after issue) both are disabled
 * and a hint says why; the queries showing them ask again meanwhile. `compact` is for table rows: short
 * labels, with the invoice number in each button's accessible name.
 */
export function InvoiceDocuments({
  invoice,
  scope,
  compact = false,
}: {
  invoice: Pick<InvoiceListItem, 'id' | 'number' | 'documentsReady'>;
  scope: DocumentScope;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const hintId = useId();
  const ready = invoice.documentsReady;
  const label = (format: DocumentFormat) =>
    compact
      ? t(`invoices.documents.${format}`)
      : t(format === 'pdf' ? 'invoices.documents.downloadPdf' : 'invoices.documents.downloadXml');
  const name = (format: DocumentFormat) =>
    t(format === 'pdf' ? 'invoices.documents.pdfOf' : 'invoices.documents.xmlOf', { number: invoice.number });
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        {formats.map((format) =>
          ready ? (
            <Button
              key={format}
              component="a"
              href={documentUrl(scope, invoice.id, format)}
              download
              size={compact ? 'compact-sm' : 'sm'}
              variant={compact ? 'subtle' : 'default'}
              leftSection={<IconDownload size={compact ? 14 : 16} />}
              aria-label={compact ? name(format) : undefined}
            >
              {label(format)}
            </Button>
          ) : (
            <Button
              key={format}
              disabled
              size={compact ? 'compact-sm' : 'sm'}
              variant={compact ? 'subtle' : 'default'}
              leftSection={<IconDownload size={compact ? 14 : 16} />}
              aria-label={compact ? name(format) : undefined}
              aria-describedby={hintId}
            >
              {label(format)}
            </Button>
          ),
        )}
      </Group>
      {!ready && (
        <Text id={hintId} size="xs" c="dimmed">
          {compact ? t('invoices.documents.preparingShort') : t('invoices.documents.preparing')}
        </Text>
      )}
    </Stack>
  );
}

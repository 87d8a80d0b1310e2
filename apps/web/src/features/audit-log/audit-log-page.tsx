import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormatNumber } from '../../app/format.ts';
import { useChangeSearchParams } from '../../app/search-params.ts';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { Pager } from '../../app/ui/pager.tsx';
import { AuditEntries } from './audit-entries.tsx';
import { AuditFilters, type FilterChanges } from './audit-filters.tsx';
import { AUDIT_PAGE_SIZE, auditExportUrl, readAuditFilter, useAuditLog } from './audit-log-api.ts';
import './texts.ts';

/** who changed what and when, as sentences, newest first; the filter and the page live in the URL. */
export default function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const formatNumber = useFormatNumber();
  const [searchParams] = useSearchParams();
  const changeParams = useChangeSearchParams();
  const { page, ...filter } = readAuditFilter(searchParams);
  const audit = useAuditLog({ ...filter, page });

  /** A filter change, made from the filter as the address bar has it now; it goes back to the first page. */
  const update = (changes: FilterChanges) =>
    changeParams((params) => ({
      ...(typeof changes === 'function' ? changes(readAuditFilter(params)) : changes),
      page: undefined,
    }));

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{t('auditLog.title')}</Title>
        <Button
          component="a"
          href={auditExportUrl(filter, i18n.language)}
          download
          variant="default"
          leftSection={<IconDownload size={16} />}
        >
          {t('auditLog.export')}
        </Button>
      </Group>
      <AuditFilters filter={filter} onChange={update} />
      {audit.isPending && <PageLoader />}
      {audit.isError && <LoadError error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.data && (
        <>
          <AuditEntries entries={audit.data.items} />
          {audit.data.totalIsLowerBound && (
            <Text size="sm">{t('auditLog.moreThan', { total: formatNumber(audit.data.total) })}</Text>
          )}
          <Pager
            page={page}
            pageSize={AUDIT_PAGE_SIZE}
            total={audit.data.total}
            showRange
            onChange={(next) => changeParams({ page: String(next) })}
          />
        </>
      )}
    </Stack>
  );
}

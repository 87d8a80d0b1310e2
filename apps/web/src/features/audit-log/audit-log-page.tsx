import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { pageParam, withParams } from '../../app/search-params.ts';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { Pager } from '../../app/ui/pager.tsx';
import { AuditFilterForm } from './audit-filter-form.tsx';
import { AUDIT_PAGE_SIZE, useAuditLog } from './audit-log-api.ts';
import { AuditTable } from './audit-table.tsx';

/** who changed what and when, newest first; filter and page live in the URL. */
export default function AuditLogPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = {
    objectType: searchParams.get('objectType') ?? '',
    objectId: searchParams.get('objectId') ?? '',
    page: pageParam(searchParams),
  };
  const audit = useAuditLog(filter);

  return (
    <Stack>
      <Title order={2}>{t('auditLog.title')}</Title>
      <AuditFilterForm
        key={`${filter.objectType}\u0000${filter.objectId}`}
        value={{ objectType: filter.objectType, objectId: filter.objectId }}
        onApply={(values) =>
          setSearchParams(
            withParams(searchParams, {
              objectType: values.objectType.trim(),
              objectId: values.objectId.trim(),
              page: undefined,
            }),
          )
        }
      />
      {audit.isPending && <PageLoader />}
      {audit.isError && <LoadError error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.data && (
        <>
          <AuditTable entries={audit.data.items} />
          <Pager
            page={filter.page}
            pageSize={AUDIT_PAGE_SIZE}
            total={audit.data.total}
            onChange={(next) => setSearchParams(withParams(searchParams, { page: String(next) }))}
          />
        </>
      )}
    </Stack>
  );
}

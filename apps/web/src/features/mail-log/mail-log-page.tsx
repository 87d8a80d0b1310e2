import { Group, NativeSelect, Stack, Title } from '@mantine/core';
import { MailStatus } from '@vmsp/contracts';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { pageParam, useChangeSearchParams } from '../../app/search-params.ts';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { Pager } from '../../app/ui/pager.tsx';
import { MAIL_LOG_PAGE_SIZE, useMailLog } from './mail-log-api.ts';
import { MailLogSearch } from './mail-log-search.tsx';
import { MailLogTable } from './mail-log-table.tsx';

/** every outgoing mail, its delivery state and the server's error. */
export default function MailLogPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const changeParams = useChangeSearchParams();
  const status = MailStatus.safeParse(searchParams.get('status')).data;
  const q = searchParams.get('q') ?? '';
  const page = pageParam(searchParams);
  const mails = useMailLog({ status, q, page });
  const search = (next: string) => changeParams({ q: next, page: undefined });

  return (
    <Stack>
      <Title order={2}>{t('mailLog.title')}</Title>
      <Group align="flex-end">
        <MailLogSearch value={q} onChange={search} />
        <NativeSelect
          label={t('mailLog.statusFilter')}
          value={status ?? ''}
          onChange={(event) => changeParams({ status: event.currentTarget.value, page: undefined })}
          data={[
            { value: '', label: t('common.all') },
            ...MailStatus.options.map((value) => ({ value, label: t(`mailLog.status.${value}`) })),
          ]}
        />
      </Group>
      {mails.isPending && <PageLoader />}
      {mails.isError && <LoadError error={mails.error} onRetry={() => void mails.refetch()} />}
      {mails.data && (
        <>
          <MailLogTable mails={mails.data.items} searched={q !== ''} onClearSearch={() => search('')} />
          <Pager
            page={page}
            pageSize={MAIL_LOG_PAGE_SIZE}
            total={mails.data.total}
            onChange={(next) => changeParams({ page: String(next) })}
          />
        </>
      )}
    </Stack>
  );
}

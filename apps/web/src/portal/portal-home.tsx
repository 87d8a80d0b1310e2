import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../app/shell/current-user.tsx';
import { LoadError } from '../app/ui/load-error.tsx';
import { PageLoader } from '../app/ui/page-loader.tsx';
import { usePortalCompany } from '../features/company/company-api.ts';
import { CompanyCard } from '../features/company/company-card.tsx';

export function PortalHome() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const company = usePortalCompany();
  return (
    <Stack maw={720}>
      <Title order={2}>{t('portal.title', { email: user.email })}</Title>
      <Text>{t('portal.intro')}</Text>
      {company.isPending && <PageLoader />}
      {company.isError && <LoadError error={company.error} onRetry={() => void company.refetch()} />}
      {company.data && <CompanyCard company={company.data} />}
    </Stack>
  );
}

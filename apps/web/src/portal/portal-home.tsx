import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../app/shell/current-user.tsx';
import { LoadError } from '../app/ui/load-error.tsx';
import { PageLoader } from '../app/ui/page-loader.tsx';
import { usePortalCompany } from '../features/company/company-api.ts';
import { CompanyCard } from '../features/company/company-card.tsx';
import { LatestInvoicesCard } from '../features/portal-overview/latest-invoices-card.tsx';
import { NextStepsCard } from '../features/portal-overview/next-steps-card.tsx';
import { SubscriptionCard } from '../features/portal-overview/subscription-card.tsx';
import { TeamCard } from '../features/portal-overview/team-card.tsx';
import '../features/portal-overview/texts.ts';

/**
 * The portal's first page: the subscription, the latest invoices, the team and the company at a glance, and
 * what the signed-in user may do next. Each block loads on its own, so one failing leaves the others readable.
 */
export function PortalHome() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const company = usePortalCompany();
  return (
    <Stack maw={1100}>
      {/* A long address breaks anywhere rather than widen a phone's page. */}
      <Title order={2} style={{ overflowWrap: 'anywhere' }}>
        {t('portal.title', { email: user.email })}
      </Title>
      <Text>{t('portalOverview.intro')}</Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <SubscriptionCard />
        <Stack>
          <TeamCard />
          <NextStepsCard />
        </Stack>
      </SimpleGrid>
      <LatestInvoicesCard />
      {company.isPending && <PageLoader />}
      {company.isError && <LoadError error={company.error} onRetry={() => void company.refetch()} />}
      {company.data && <CompanyCard company={company.data} />}
    </Stack>
  );
}

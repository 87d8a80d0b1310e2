import { List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useTeam } from '../team/team-api.ts';
import { OverviewCard } from './overview-card.tsx';
import { teamCounts } from './overview-model.ts';
import './texts.ts';

/** How many users work in the portal for the company, and how many invitations are still open. */
export function TeamCard() {
  const { t } = useTranslation();
  const team = useTeam();
  const counts = team.data && teamCounts(team.data.members);
  return (
    <OverviewCard
      title={t('portalOverview.team.title')}
      more={{ to: '/portal/team', label: t('portalOverview.team.details') }}
    >
      {team.isPending && <PageLoader />}
      {team.isError && <LoadError error={team.error} onRetry={() => void team.refetch()} />}
      {counts && (
        <List>
          <List.Item>{t('portalOverview.team.active', { count: counts.active })}</List.Item>
          <List.Item>{t('portalOverview.team.invited', { count: counts.invited })}</List.Item>
        </List>
      )}
    </OverviewCard>
  );
}

import { Anchor, List } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePortalSubscription } from '../subscriptions/subscriptions-api.ts';
import { InviteMemberModal } from '../team/invite-member-modal.tsx';
import { useTeam } from '../team/team-api.ts';
import { OverviewCard } from './overview-card.tsx';
import { type NextStep, nextSteps } from './overview-model.ts';
import './texts.ts';

const pages: Record<Exclude<NextStep, 'invite-member'>, string> = {
  'change-subscription': '/portal/subscription',
  'see-invoices': '/portal/invoices',
};

/**
 * What the signed-in user may do next, and nothing it may not: a step that needs data not loaded yet (or
 * not loadable) is left out rather than offered and refused. Inviting opens the Team page's dialog here.
 */
export function NextStepsCard() {
  const { t } = useTranslation();
  const subscription = usePortalSubscription();
  const team = useTeam();
  const [inviting, setInviting] = useState(false);
  const steps = nextSteps({
    subscriptionEditable: subscription.data?.editable ?? false,
    canManageTeam: team.data?.canManage ?? false,
  });
  return (
    <OverviewCard title={t('portalOverview.next.title')}>
      <List spacing="xs">
        {steps.map((step) => (
          <List.Item key={step}>
            {step === 'invite-member' ? (
              <Anchor component="button" type="button" onClick={() => setInviting(true)}>
                {t(`portalOverview.next.${step}`)}
              </Anchor>
            ) : (
              <Anchor component={Link} to={pages[step]}>
                {t(`portalOverview.next.${step}`)}
              </Anchor>
            )}
          </List.Item>
        ))}
      </List>
      {inviting && <InviteMemberModal onClose={() => setInviting(false)} />}
    </OverviewCard>
  );
}

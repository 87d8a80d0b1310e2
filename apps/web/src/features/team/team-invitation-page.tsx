import type { InvitationKind } from '../invitation/invitation-kind.ts';
import { InvitationScreen } from '../invitation/invitation-page.tsx';
import { useAcceptTeamInvitation, useTeamInvitation } from './team-api.ts';

const teamInvitation: InvitationKind = {
  useInfo: useTeamInvitation,
  useAccept: useAcceptTeamInvitation,
  texts: 'team.invitation',
};

/** `/team-invitation?token=…`: an invited team member joins by choosing a password. */
export default function TeamInvitationPage() {
  return <InvitationScreen kind={teamInvitation} />;
}

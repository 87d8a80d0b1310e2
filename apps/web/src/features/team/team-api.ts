import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type AcceptInvitationRequest,
  InvitationInfo,
  type InviteMemberRequest,
  Ok,
  SessionResponse,
  TeamMember,
  TeamResponse,
} from '@vmsp/contracts';
import { api } from '../../app/api.ts';
import { useStartSession } from '../auth/session-api.ts';

const teamKey = ['portal', 'team'] as const;
const member = (id: string) => `/api/portal/team/members/${encodeURIComponent(id)}`;
const invitation = (id: string) => `/api/portal/team/invitations/${encodeURIComponent(id)}`;

/** The signed-in customer's team, and whether the signed-in user may manage it. */
export function useTeam() {
  return useQuery({ queryKey: teamKey, queryFn: () => api.get('/api/portal/team', TeamResponse) });
}

/** A team change; afterwards the team is read again, since a refusal may mean it changed meanwhile. */
function useTeamMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: teamKey }),
  });
}

export const useInviteMember = () =>
  useTeamMutation((body: InviteMemberRequest) => api.post('/api/portal/team/invitations', body, TeamMember));

export const useResendInvitation = () =>
  useTeamMutation((id: string) => api.post(`${invitation(id)}/resend`, undefined, Ok));

export const useWithdrawInvitation = () => useTeamMutation((id: string) => api.delete(invitation(id)));

export const useSetMemberEnabled = () =>
  useTeamMutation(({ id, enabled }: { id: string; enabled: boolean }) =>
    api.put(`${member(id)}/enabled`, { enabled }, TeamMember),
  );

export const useRemoveMember = () => useTeamMutation((id: string) => api.delete(member(id)));

export const useHandOverMainUser = () =>
  useTeamMutation((userId: string) => api.post('/api/portal/team/main-user', { userId }, TeamResponse));

export function useTeamInvitation(token: string) {
  return useQuery({
    queryKey: ['team-invitation', token],
    queryFn: () => api.get(`/api/team-invitations/${encodeURIComponent(token)}`, InvitationInfo),
    enabled: token !== '',
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The invited member chooses a password and is signed in. */
export function useAcceptTeamInvitation() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: (body: AcceptInvitationRequest) =>
      api.post('/api/team-invitations/accept', body, SessionResponse),
    onSuccess: ({ user }) => startSession(user),
  });
}

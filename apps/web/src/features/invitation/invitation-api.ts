import { useMutation, useQuery } from '@tanstack/react-query';
import { type AcceptInvitationRequest, InvitationInfo, SessionResponse } from '@vmsp/contracts';
import { api } from '../../app/api.ts';
import { useStartSession } from '../auth/session-api.ts';

export function useInvitation(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.get(`/api/invitations/${encodeURIComponent(token)}`, InvitationInfo),
    enabled: token !== '',
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Registers the customer's main user and signs them in. */
export function useAcceptInvitation() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: (body: AcceptInvitationRequest) => api.post('/api/invitations/accept', body, SessionResponse),
    onSuccess: ({ user }) => startSession(user),
  });
}

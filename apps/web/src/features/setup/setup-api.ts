import { useMutation, useQuery } from '@tanstack/react-query';
import { type CompleteSetupRequest, SessionResponse, SetupTokenInfo } from '@vmsp/contracts';
import { api } from '../../app/api.ts';
import { useStartSession } from '../auth/session-api.ts';

export function useSetupToken(token: string) {
  return useQuery({
    queryKey: ['setup-token', token],
    queryFn: () => api.get(`/api/setup/${encodeURIComponent(token)}`, SetupTokenInfo),
    enabled: token !== '',
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCompleteSetup() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: (body: CompleteSetupRequest) => api.post('/api/setup', body, SessionResponse),
    onSuccess: ({ user }) => startSession(user),
  });
}

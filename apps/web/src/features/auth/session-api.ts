import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Locale, SessionUser, SignInRequest, UserRole } from '@vmsp/contracts';
import { api, isApiError } from '../../app/api.ts';
import { forgetUserData, sessionQueryKey } from '../../app/query-client.ts';
import { SessionResponse } from './first-page-schemas.ts';

async function fetchSession(): Promise<SessionUser | null> {
  try {
    return (await api.get('/api/session', SessionResponse)).user;
  } catch (error) {
    if (isApiError(error, 'NOT_AUTHENTICATED')) return null;
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY });
}

export function homePathFor(role: UserRole): string {
  return role === 'admin' ? '/admin' : '/portal';
}

/** Makes a freshly signed-in user the session, without data cached for whoever was signed in before. */
export function useStartSession(): (user: SessionUser) => void {
  const queryClient = useQueryClient();
  return (user) => {
    forgetUserData();
    queryClient.setQueryData(sessionQueryKey, user);
  };
}

export function useSignIn() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: (body: SignInRequest) => api.post('/api/session', body, SessionResponse),
    onSuccess: ({ user }) => startSession(user),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/api/session'),
    onSettled: () => {
      forgetUserData();
      queryClient.setQueryData(sessionQueryKey, null);
    },
  });
}

/** Tells the server the user's language, which it uses for the mails it sends them. */
export function useSaveLocale() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (locale: Locale) => api.putNoContent('/api/session/locale', { locale }),
    onSuccess: (_, locale) =>
      queryClient.setQueryData<SessionUser | null>(sessionQueryKey, (user) => user && { ...user, locale }),
  });
}

import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api.ts';

/** The signed-in user, or null. Route guards watch it; setting it to null sends the user to sign in. */
export const sessionQueryKey = ['session'] as const;

function onError(error: unknown): void {
  // The session ended (expired, revoked, account locked): every page must go back to sign-in.
  if (isApiError(error, 'NOT_AUTHENTICATED')) queryClient.setQueryData(sessionQueryKey, null);
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      // A 4xx answer will not change by asking again.
      retry: (failures, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** Drops every cached answer except the session: used when the signed-in user changes. */
export function forgetUserData(): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
}

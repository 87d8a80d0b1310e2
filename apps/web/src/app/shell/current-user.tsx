import type { SessionUser } from '@vmsp/contracts';
import { createContext, use } from 'react';

export const CurrentUserContext = createContext<SessionUser | null>(null);

/** The signed-in user; only inside a page that RequireRole guards. */
export function useCurrentUser(): SessionUser {
  const user = use(CurrentUserContext);
  if (user === null) throw new Error('useCurrentUser is used outside RequireRole');
  return user;
}

import type { UserRole } from '@vmsp/contracts';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { homePathFor, useSession } from '../../features/auth/session-api.ts';
import { LoadError } from '../ui/load-error.tsx';
import { PageLoader } from '../ui/page-loader.tsx';
import { CurrentUserContext } from './current-user.tsx';
import { LocaleSync } from './locale-sync.tsx';

/** Shows its children only to a signed-in user of the role; others go to sign-in or to their own home. */
export function RequireRole({ allowed, children }: { allowed: UserRole; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <LoadError error={session.error} onRetry={() => void session.refetch()} />;
  const user = session.data;
  if (user === null) {
    return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (user.role !== allowed) return <Navigate to={homePathFor(user.role)} replace />;
  return (
    <CurrentUserContext value={user}>
      <LocaleSync user={user} />
      {children}
    </CurrentUserContext>
  );
}

import { Navigate } from 'react-router';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { homePathFor, useSession } from './session-api.ts';

/** `/`: the signed-in user's home, else sign-in. */
export function HomeRedirect() {
  const session = useSession();
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <LoadError error={session.error} onRetry={() => void session.refetch()} />;
  return <Navigate to={session.data ? homePathFor(session.data.role) : '/sign-in'} replace />;
}

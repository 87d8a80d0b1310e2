import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { PublicLayout } from '../../app/shell/public-layout.tsx';
import { InvalidLink } from '../../app/ui/invalid-link.tsx';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useTeamInvitation } from './team-api.ts';
import { TeamInvitationForm } from './team-invitation-form.tsx';

/** `/team-invitation?token=…`: an invited team member joins by choosing a password. */
export default function TeamInvitationPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const info = useTeamInvitation(token);

  let content: ReactNode;
  if (token === '' || isApiError(info.error, 'TOKEN_INVALID')) {
    content = <InvalidLink text={t('team.invitation.invalidText')} />;
  } else if (info.isPending) {
    content = <PageLoader />;
  } else if (info.isError) {
    content = <LoadError error={info.error} onRetry={() => void info.refetch()} />;
  } else {
    content = <TeamInvitationForm token={token} info={info.data} />;
  }
  return <PublicLayout>{content}</PublicLayout>;
}

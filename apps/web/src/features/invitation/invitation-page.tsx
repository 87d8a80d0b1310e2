import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { PublicLayout } from '../../app/shell/public-layout.tsx';
import { InvalidLink } from '../../app/ui/invalid-link.tsx';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useAcceptInvitation, useInvitation } from './invitation-api.ts';
import { InvitationForm } from './invitation-form.tsx';
import type { InvitationKind } from './invitation-kind.ts';

const customerInvitation: InvitationKind = {
  useInfo: useInvitation,
  useAccept: useAcceptInvitation,
  texts: 'invitation',
};

/** `/invitation?token=…`: a new customer's contact registers by choosing a password. */
export default function InvitationPage() {
  return <InvitationScreen kind={customerInvitation} />;
}

/** An invitation link's page: the link is checked, then the invited user chooses a password. */
export function InvitationScreen({ kind }: { kind: InvitationKind }) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const info = kind.useInfo(token);

  let content: ReactNode;
  if (token === '' || isApiError(info.error, 'TOKEN_INVALID') || isApiError(info.error, 'NOT_FOUND')) {
    content = <InvalidLink text={t(`${kind.texts}.invalidText`)} />;
  } else if (info.isPending) {
    content = <PageLoader />;
  } else if (info.isError) {
    content = <LoadError error={info.error} onRetry={() => void info.refetch()} />;
  } else {
    content = <InvitationForm kind={kind} token={token} info={info.data} />;
  }
  return <PublicLayout>{content}</PublicLayout>;
}

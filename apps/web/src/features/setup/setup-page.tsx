import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { PublicLayout } from '../../app/shell/public-layout.tsx';
import { InvalidLink } from '../../app/ui/invalid-link.tsx';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { useSetupToken } from './setup-api.ts';
import { SetupForm } from './setup-form.tsx';

/** `/setup?token=…`: the first admin's setup and admin invitations. */
export default function SetupPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const info = useSetupToken(token);

  let content: ReactNode;
  if (token === '' || isApiError(info.error, 'TOKEN_INVALID') || isApiError(info.error, 'NOT_FOUND')) {
    content = <InvalidLink text={t('setup.invalidText')} />;
  } else if (info.isPending) {
    content = <PageLoader />;
  } else if (info.isError) {
    content = <LoadError error={info.error} onRetry={() => void info.refetch()} />;
  } else {
    content = <SetupForm token={token} info={info.data} />;
  }
  return <PublicLayout>{content}</PublicLayout>;
}

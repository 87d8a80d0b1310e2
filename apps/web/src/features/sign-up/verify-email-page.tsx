import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { PublicLayout } from '../../app/shell/public-layout.tsx';
import { InvalidLink } from '../../app/ui/invalid-link.tsx';
import { LoadError } from '../../app/ui/load-error.tsx';
import { PageLoader } from '../../app/ui/page-loader.tsx';
import { homePathFor } from '../auth/session-api.ts';
import { useVerifyEmail } from './sign-up-api.ts';

/** `/verify-email?token=…`: the link from the verification mail activates the account and signs in. */
export default function VerifyEmailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const verify = useVerifyEmail();
  // The link is single-use: send it once, even when React runs effects twice in development.
  const sent = useRef(false);
  const send = () =>
    verify.mutate(token, { onSuccess: ({ user }) => navigate(homePathFor(user.role), { replace: true }) });
  // biome-ignore lint/correctness/useExhaustiveDependencies: sends once per token; `send` changes every render.
  useEffect(() => {
    if (sent.current || token === '') return;
    sent.current = true;
    send();
  }, [token]);

  let content = <PageLoader />;
  if (token === '' || isApiError(verify.error, 'TOKEN_INVALID'))
    content = <InvalidLink text={t('signUp.invalidText')} />;
  else if (verify.isError) content = <LoadError error={verify.error} onRetry={send} />;
  return <PublicLayout>{content}</PublicLayout>;
}

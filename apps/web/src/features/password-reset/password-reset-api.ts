import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestPasswordResetRequest, ResetPasswordRequest } from '@vmsp/contracts';
import { z } from 'zod';
import { api } from '../../app/api.ts';
import { sessionQueryKey } from '../../app/query-client.ts';

const Accepted = z.object({ ok: z.literal(true) });
const ResetLinkInfo = z.object({ email: z.string() });

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: RequestPasswordResetRequest) => api.post('/api/password-reset', body, Accepted),
  });
}

export function useResetLink(token: string) {
  return useQuery({
    queryKey: ['password-reset', token],
    queryFn: () => api.get(`/api/password-reset/${encodeURIComponent(token)}`, ResetLinkInfo),
    enabled: token !== '',
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * Sets the new password. The server ends every session of the user, this browser's perhaps among them:
 * the session is asked again rather than assumed gone, since this browser may be signed in as someone else.
 */
export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ResetPasswordRequest) => api.post('/api/password-reset/complete', body, Accepted),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
  });
}

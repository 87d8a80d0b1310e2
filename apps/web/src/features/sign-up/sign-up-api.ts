import { useMutation } from '@tanstack/react-query';
import { SessionResponse, type SignUpRequest } from '@vmsp/contracts';
import { z } from 'zod';
import { api } from '../../app/api.ts';
import { useStartSession } from '../auth/session-api.ts';

const SignUpAccepted = z.object({ ok: z.literal(true) });

export function useSignUp() {
  return useMutation({ mutationFn: (body: SignUpRequest) => api.post('/api/sign-up', body, SignUpAccepted) });
}

/** Confirms the e-mail address with the mailed token; the server signs the new user in. */
export function useVerifyEmail() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: (token: string) => api.post('/api/sign-up/verify', { token }, SessionResponse),
    onSuccess: ({ user }) => startSession(user),
  });
}

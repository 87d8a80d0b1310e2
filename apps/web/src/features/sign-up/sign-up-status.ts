import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { SignUpStatus } from '../auth/first-page-schemas.ts';

export const signUpStatusKey = ['sign-up', 'status'] as const;

/**
 * Whether the public sign-up page is open. Apart from the self-service settings' calls because the
 * sign-in page asks it: this module imports none of the contracts' schemas.
 */
export function useSignUpStatus() {
  return useQuery({ queryKey: signUpStatusKey, queryFn: () => api.get('/api/sign-up', SignUpStatus) });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SelfServiceSettings, SignUpStatus } from '@vmsp/contracts';
import { api } from '../../app/api.ts';

const settingsKey = ['settings', 'self-service'] as const;
export const signUpStatusKey = ['sign-up', 'status'] as const;

export function useSelfServiceSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: () => api.get('/api/settings/self-service', SelfServiceSettings),
  });
}

export function useSaveSelfServiceSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SelfServiceSettings) =>
      api.put('/api/settings/self-service', body, SelfServiceSettings),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey, saved);
      void queryClient.invalidateQueries({ queryKey: signUpStatusKey });
    },
  });
}

/** Whether the public sign-up page is open. */
export function useSignUpStatus() {
  return useQuery({ queryKey: signUpStatusKey, queryFn: () => api.get('/api/sign-up', SignUpStatus) });
}

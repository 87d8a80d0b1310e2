import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SelfServiceSettings } from '@vmsp/contracts';
import { api } from '../../app/api.ts';
import { signUpStatusKey } from '../sign-up/sign-up-status.ts';

const settingsKey = ['settings', 'self-service'] as const;

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

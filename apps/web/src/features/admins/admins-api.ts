import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AdminList, type InviteAdminRequest, InviteAdminResponse } from '@vmsp/contracts';
import { api } from '../../app/api.ts';

const adminsQueryKey = ['admins'] as const;

export function useAdmins() {
  return useQuery({ queryKey: adminsQueryKey, queryFn: () => api.get('/api/admins', AdminList) });
}

export function useInviteAdmin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteAdminRequest) => api.post('/api/admins', body, InviteAdminResponse),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminsQueryKey }),
  });
}

export function useRemoveAdmin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/admins/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminsQueryKey }),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type AddProjectKeySignerRequest,
  IpDistributionResult,
  ProjectKeyOverview,
  ProjectKeySigner,
  ProjectKeySignersResponse,
  type RedeemProjectKeyRequest,
} from '@vmsp/contracts';
import type { z } from 'zod';
import { api, isApiError } from '../../app/api.ts';
import { customersQueryKey } from '../customers/customers-api.ts';

const signersQueryKey = ['project-key-signers'] as const;

/** Settings → Project Keys: the upstream MSPs' public keys that verify project keys. */
export function useProjectKeySigners() {
  return useQuery({
    queryKey: signersQueryKey,
    queryFn: () => api.get('/api/settings/project-keys', ProjectKeySignersResponse),
  });
}

export type AddSignerRequest = z.input<typeof AddProjectKeySignerRequest>;

export function useAddProjectKeySigner() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddSignerRequest) => api.post('/api/settings/project-keys', body, ProjectKeySigner),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: signersQueryKey }),
  });
}

export function useRemoveProjectKeySigner() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kid: string) => api.delete(`/api/settings/project-keys/${encodeURIComponent(kid)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: signersQueryKey }),
  });
}

const customerPath = (id: string) => `/api/customers/${encodeURIComponent(id)}/project-key`;

/** Step 1 of `Add Project Key`: what the key carries, once its signature and state check out. */
export function useInspectProjectKey() {
  return useMutation({
    mutationFn: ({ customerId, key }: { customerId: string; key: string }) =>
      api.post(`${customerPath(customerId)}/inspect`, { key }, ProjectKeyOverview),
  });
}

/** `Finish`: redeems the key for the customer; the subscription changes (or is scheduled to) like. */
export function useRedeemProjectKey() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: customersQueryKey });
  return useMutation({
    mutationFn: ({ customerId, ...body }: RedeemProjectKeyRequest & { customerId: string }) =>
      api.post(customerPath(customerId), body, IpDistributionResult),
    onSuccess: refresh,
    onError: (error) => {
      // The data shown is stale: load the customer again (its new version lets a retry go through).
      if (isApiError(error, 'CONFLICT') || isApiError(error, 'ACTION_NOT_APPLICABLE')) return refresh();
    },
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type EditAddressRequest, PortalCompany } from '@vmsp/contracts';
import { api, isApiError } from '../../app/api.ts';

const companyKey = ['portal', 'company'] as const;

/** The signed-in customer user's own company (R-6, R-8.2: only their own). */
export function usePortalCompany() {
  return useQuery({
    queryKey: companyKey,
    queryFn: () => api.get('/api/portal/company', PortalCompany),
  });
}

/** What a self-service customer edits of its company: the fields of `Edit Address`. */
export type EditPortalCompanyRequest = Omit<EditAddressRequest, 'version'>;

/**
 * Saves the company's address and VAT-ID; self-service customers only. A MANAGED_BY_PROVIDER refusal means
 * the provider took the customer over meanwhile: the company is read again, which shows it read-only.
 */
export function useEditPortalCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EditPortalCompanyRequest) => api.put('/api/portal/company', body, PortalCompany),
    onSuccess: (company) => queryClient.setQueryData(companyKey, company),
    onError: (error) => {
      if (isApiError(error, 'MANAGED_BY_PROVIDER'))
        return queryClient.invalidateQueries({ queryKey: companyKey });
    },
  });
}

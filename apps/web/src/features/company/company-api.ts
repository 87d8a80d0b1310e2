import { useQuery } from '@tanstack/react-query';
import { PortalCompany } from '@vmsp/contracts';
import { api } from '../../app/api.ts';

/** The signed-in customer user's own company (R-6, R-8.2: only their own). */
export function usePortalCompany() {
  return useQuery({
    queryKey: ['portal', 'company'],
    queryFn: () => api.get('/api/portal/company', PortalCompany),
  });
}

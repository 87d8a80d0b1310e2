import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type CompanySettings, CompanySettingsView, InvoicingStatus } from '@vmsp/contracts';
import { api } from '../../app/api.ts';

const companySettingsKey = ['company-settings'] as const;
const invoicingStatusKey = ['invoicing-status'] as const;

/** Settings → Company: the invoice issuer, whether it is complete and what is still missing. */
export function useCompanySettings() {
  return useQuery({
    queryKey: companySettingsKey,
    queryFn: () => api.get('/api/settings/company', CompanySettingsView),
  });
}

/** Saves the issuer; a save may switch invoicing on or off, so the Billing page's notice is asked again. */
export function useSaveCompanySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CompanySettings) => api.put('/api/settings/company', body, CompanySettingsView),
    onSuccess: (view) => {
      queryClient.setQueryData(companySettingsKey, view);
      return queryClient.invalidateQueries({ queryKey: invoicingStatusKey });
    },
  });
}

/** Whether invoicing is on (Settings → Company complete), for the Billing page's notice. */
export function useInvoicingStatus() {
  return useQuery({
    queryKey: invoicingStatusKey,
    queryFn: () => api.get('/api/invoicing/status', InvoicingStatus),
  });
}

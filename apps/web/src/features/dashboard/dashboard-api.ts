import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DashboardResponse } from '@vmsp/contracts';
import { api, query } from '../../app/api.ts';

/** The key figures of a billing month; `undefined` asks for the current one. */
export function useDashboard(month: string | undefined) {
  const path = `/api/dashboard${query({ month })}`;
  return useQuery({
    queryKey: ['dashboard', path],
    queryFn: () => api.get(path, DashboardResponse),
    placeholderData: keepPreviousData,
  });
}

export type BillingDataFormat = 'csv' | 'xlsx' | 'pdf';

/** The month's billing data (proof of performance) as a plain GET download; the session cookie goes along. */
export function billingDataUrl(month: string, format: BillingDataFormat): string {
  return `/api/billing-data${query({ month, format })}`;
}

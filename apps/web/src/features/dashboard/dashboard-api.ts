import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DashboardHistoryResponse, DashboardResponse } from '@vmsp/contracts';
import type { z } from 'zod';
import { api, query } from '../../app/api.ts';
import type { DevelopmentRange } from './development-model.ts';

/** The Dashboard's reads share one key prefix (`dashboard`) and keep the last answer while the next loads. */
function useDashboardRead<S extends z.ZodType>(path: string, schema: S) {
  return useQuery({
    queryKey: ['dashboard', path],
    queryFn: () => api.get(path, schema),
    placeholderData: keepPreviousData,
  });
}

/** The key figures of a billing month; `undefined` asks for the current one. */
export function useDashboard(month: string | undefined) {
  return useDashboardRead(`/api/dashboard${query({ month })}`, DashboardResponse);
}

/** The development chart's months: the last `months` billing months, ending with the current one. */
export function useDashboardHistory(months: DevelopmentRange) {
  return useDashboardRead(`/api/dashboard/history${query({ months })}`, DashboardHistoryResponse);
}

export type BillingDataFormat = 'csv' | 'xlsx' | 'pdf';

/** The month's billing data (proof of performance) as a plain GET download; the session cookie goes along. */
export function billingDataUrl(month: string, format: BillingDataFormat): string {
  return `/api/billing-data${query({ month, format })}`;
}

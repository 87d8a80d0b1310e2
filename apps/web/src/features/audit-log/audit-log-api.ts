import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AuditAction, AuditPage, CustomerDetails, CustomerPage, Id } from '@vmsp/contracts';
import { api, query } from '../../app/api.ts';
import { pageParam } from '../../app/search-params.ts';

export const AUDIT_PAGE_SIZE = 50;

/**
 * The page's filter, all of it in the URL (`?action=customer.locked&customerId=…&actorId=…&from=2026-05-01&to=
 * 2026-05-31&page=2`) so that a view can be bookmarked and shared. A value the server would refuse reads as
 * "not set". Days are those of the billing calendar, both included.
 */
export interface AuditFilterState {
  action: string;
  customerId: string;
  actorId: string;
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readAuditFilter(params: URLSearchParams): AuditFilterState & { page: number } {
  const valid = (name: string, ok: (value: string) => boolean) => {
    const value = params.get(name) ?? '';
    return ok(value) ? value : '';
  };
  const from = valid('from', (v) => DAY.test(v));
  return {
    action: valid('action', (v) => AuditAction.safeParse(v).success),
    customerId: valid('customerId', (v) => Id.safeParse(v).success),
    actorId: valid('actorId', (v) => Id.safeParse(v).success),
    from,
    to: valid('to', (v) => DAY.test(v) && !(from && v < from)),
    page: pageParam(params),
  };
}

export function useAuditLog(filter: AuditFilterState & { page: number }) {
  return useQuery({
    queryKey: ['audit', filter],
    queryFn: () => api.get(`/api/audit${query({ ...filter, pageSize: AUDIT_PAGE_SIZE })}`, AuditPage),
    placeholderData: keepPreviousData,
  });
}

/** The filtered entries as CSV: a plain GET download; German Excel's dialect (semicolons) in German. */
export function auditExportUrl(filter: AuditFilterState, language: string): string {
  return `/api/audit/export${query({ ...filter, sep: language === 'de' ? 'semicolon' : undefined })}`;
}

/** Customers whose name contains the text, for the customer filter (the Billing list's own search). */
export function useCustomerSearch(text: string) {
  return useQuery({
    queryKey: ['customers', 'search', text],
    queryFn: () =>
      api.get(`/api/customers${query({ q: text, sort: 'companyName', pageSize: 10 })}`, CustomerPage),
    enabled: text !== '',
    placeholderData: keepPreviousData,
  });
}

/** The chosen customer's name, for the filter's field after a reload (the URL holds its id only). */
export function useCustomerName(id: string): string | undefined {
  const { data } = useQuery({
    queryKey: ['customers', 'details', id],
    queryFn: () => api.get(`/api/customers/${encodeURIComponent(id)}`, CustomerDetails),
    enabled: id !== '',
  });
  return data?.companyName;
}

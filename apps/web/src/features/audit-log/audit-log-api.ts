import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AuditPage } from '@vmsp/contracts';
import { api, query } from '../../app/api.ts';

export const AUDIT_PAGE_SIZE = 50;

/** Object types the server records today (settings: id "mail"); the filter also accepts any other text. */
export const knownObjectTypes = ['admin', 'customer', 'mail', 'session', 'settings'];

export interface AuditFilter {
  objectType: string;
  objectId: string;
  page: number;
}

export function useAuditLog(filter: AuditFilter) {
  return useQuery({
    queryKey: ['audit', filter],
    queryFn: () =>
      api.get(
        `/api/audit${query({
          objectType: filter.objectType.trim(),
          objectId: filter.objectId.trim(),
          page: filter.page,
          pageSize: AUDIT_PAGE_SIZE,
        })}`,
        AuditPage,
      ),
    placeholderData: keepPreviousData,
  });
}

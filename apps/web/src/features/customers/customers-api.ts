import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CreateCustomerRequest,
  CustomerDetails,
  CustomerPage,
  DeleteCustomerResult,
  type EditAddressRequest,
  type IpDistributionRequest,
  IpDistributionResult,
  Ok,
} from '@vmsp/contracts';
import { api, isApiError } from '../../app/api.ts';
import {
  type CustomerFilterState,
  type CustomerListState,
  filterSearchParams,
  queryString,
} from './customer-list-params.ts';

/** Every customer query starts with this key: lists and details are refreshed together after a change. */
export const customersQueryKey = ['customers'] as const;
const detailsKey = (id: string) => [...customersQueryKey, 'details', id] as const;

export function useCustomerPage(state: CustomerListState) {
  const params = filterSearchParams(state);
  params.set('sort', state.sort);
  params.set('dir', state.dir);
  params.set('page', String(state.page));
  params.set('pageSize', String(state.pageSize));
  return useQuery({
    queryKey: [...customersQueryKey, 'list', params.toString()],
    queryFn: () => api.get(`/api/customers${queryString(params)}`, CustomerPage),
    // Paging, sorting and filtering keep showing the previous rows until the next ones arrive.
    placeholderData: keepPreviousData,
  });
}

/**
 * The export's URL: a plain GET download (the session cookie goes along), all pages of the filter, as JSON or
 * CSV; `semicolon` is German Excel's CSV (semicolons, decimal commas).
 */
export function exportUrl(
  state: CustomerFilterState & { q: string },
  format: 'json' | 'csv',
  sep: 'comma' | 'semicolon' = 'comma',
): string {
  const params = filterSearchParams(state);
  if (format === 'csv') {
    params.set('format', 'csv');
    if (sep === 'semicolon') params.set('sep', 'semicolon');
  }
  return `/api/customers/export${queryString(params)}`;
}

export function useCustomer(id: string) {
  return useQuery({
    queryKey: detailsKey(id),
    queryFn: () => api.get(`/api/customers/${encodeURIComponent(id)}`, CustomerDetails),
  });
}

/**
 * After a change (or a refused one: CONFLICT, a no longer applicable action, an already ended subscription,
 * a chosen main user who is no longer active, or a demanded DELETE for a customer shown as never registered
 * mean that the data shown is stale) every customer query is asked again; a returned CustomerDetails is the
 * details' new state at once.
 */
function useCustomerChanged() {
  const queryClient = useQueryClient();
  return {
    onSuccess: (details?: CustomerDetails) => {
      if (details) queryClient.setQueryData(detailsKey(details.id), details);
      return queryClient.invalidateQueries({ queryKey: customersQueryKey });
    },
    onError: (error: unknown) => {
      if (
        isApiError(error, 'CONFLICT') ||
        isApiError(error, 'ACTION_NOT_APPLICABLE') ||
        isApiError(error, 'NO_ACTIVE_SUBSCRIPTION') ||
        isApiError(error, 'MAIN_USER_NOT_ACTIVE') ||
        isApiError(error, 'DELETE_NOT_CONFIRMED')
      )
        return queryClient.invalidateQueries({ queryKey: customersQueryKey });
    },
  };
}

export function useCreateCustomer() {
  const changed = useCustomerChanged();
  return useMutation({
    mutationFn: (body: CreateCustomerRequest) => api.post('/api/customers', body, CustomerDetails),
    ...changed,
  });
}

export function useResendInvitation() {
  const changed = useCustomerChanged();
  return useMutation({
    mutationFn: (id: string) =>
      api.post(`/api/customers/${encodeURIComponent(id)}/resend-invitation`, undefined, Ok),
    onSuccess: () => changed.onSuccess(),
    onError: changed.onError,
  });
}

export function useConvertToManaged() {
  const changed = useCustomerChanged();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version?: number }) =>
      api.post(
        `/api/customers/${encodeURIComponent(id)}/convert-to-managed`,
        version === undefined ? {} : { version },
        CustomerDetails,
      ),
    ...changed,
  });
}

export function useSetLocked() {
  const changed = useCustomerChanged();
  return useMutation({
    mutationFn: ({ id, locked, version }: { id: string; locked: boolean; version: number }) =>
      api.put(`/api/customers/${encodeURIComponent(id)}/locked`, { locked, version }, CustomerDetails),
    ...changed,
  });
}

export function useEditAddress() {
  const changed = useCustomerChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: EditAddressRequest & { id: string }) =>
      api.put(`/api/customers/${encodeURIComponent(id)}/address`, body, CustomerDetails),
    ...changed,
  });
}

/** `IP Distribution`: applies, schedules or starts the subscription; the result tells which. */
export function useDistributeIps() {
  const changed = useCustomerChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: IpDistributionRequest & { id: string }) =>
      api.put(`/api/customers/${encodeURIComponent(id)}/ip-distribution`, body, IpDistributionResult),
    onSuccess: (result) => changed.onSuccess(result.customer),
    onError: changed.onError,
  });
}

/** `Cancel Active Subscription`. */
export function useCancelSubscription() {
  const changed = useCustomerChanged();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post(`/api/customers/${encodeURIComponent(id)}/subscription/cancel`, { version }, CustomerDetails),
    ...changed,
  });
}

/**
 * `Delete`: a registered customer needs `confirmation: 'DELETE'` and is marked `deleting` until
 * `purgeAt`; one that never registered is purged at once.
 */
export function useDeleteCustomer() {
  const queryClient = useQueryClient();
  const changed = useCustomerChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; confirmation?: string; version: number }) =>
      api.post(`/api/customers/${encodeURIComponent(id)}/delete`, body, DeleteCustomerResult),
    // A purged customer's details are gone: asking for them again (the open dialog still watches them) would
    // only fail, so then only the lists are asked again.
    onSuccess: (result) =>
      queryClient.invalidateQueries({
        queryKey: result.purged ? [...customersQueryKey, 'list'] : customersQueryKey,
      }),
    onError: changed.onError,
  });
}

/** `Undo deletion` during the grace period (R-3.9 decision). */
export function useUndoDelete() {
  const changed = useCustomerChanged();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post(`/api/customers/${encodeURIComponent(id)}/undo-delete`, { version }, CustomerDetails),
    ...changed,
  });
}

/** `Change Main User`: the server accepts only an active user of the customer. */
export function useChangeMainUser() {
  const changed = useCustomerChanged();
  return useMutation({
    mutationFn: ({ id, userId, version }: { id: string; userId: string; version: number }) =>
      api.put(`/api/customers/${encodeURIComponent(id)}/main-user`, { userId, version }, CustomerDetails),
    ...changed,
  });
}

import {
  CustomerSortKey,
  CustomerStatus,
  type CustomerStatus as CustomerStatusValue,
  PaymentMethod,
  type PaymentMethod as PaymentMethodValue,
  ServiceMode,
  type ServiceMode as ServiceModeValue,
} from '@vmsp/contracts';
import type { SortDirection } from '../../app/ui/sortable-th.tsx';

/**
 * The Billing page's state, all of it in the URL's search parameters so that a view can be bookmarked and
 * shared: `?q=acme&status=invited,locked&sort=status&dir=desc&page=2&pageSize=50`. Defaults are left out.
 */
export interface CustomerFilterState {
  paymentMethod: PaymentMethodValue[];
  serviceMode: ServiceModeValue[];
  status: CustomerStatusValue[];
}

export interface CustomerListState extends CustomerFilterState {
  q: string;
  sort: CustomerSortKey;
  dir: SortDirection;
  page: number;
  pageSize: number;
}

export const filterFields = ['paymentMethod', 'serviceMode', 'status'] as const;
export type FilterField = (typeof filterFields)[number];

export const DEFAULT_SORT: CustomerSortKey = 'companyName';
export const DEFAULT_PAGE_SIZE = 25;
export const PAGE_SIZES = [10, 25, 50, 100] as const;
const MAX_PAGE_SIZE = 200;

/** The known values of a comma-separated parameter, each once, in the order of their enum. */
function listOf<T extends string>(params: URLSearchParams, key: string, options: readonly T[]): T[] {
  const given = new Set((params.get(key) ?? '').split(','));
  return options.filter((option) => given.has(option));
}

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

export function readListState(params: URLSearchParams): CustomerListState {
  return {
    q: (params.get('q') ?? '').trim(),
    paymentMethod: listOf(params, 'paymentMethod', PaymentMethod.options),
    serviceMode: listOf(params, 'serviceMode', ServiceMode.options),
    status: listOf(params, 'status', CustomerStatus.options),
    sort: CustomerSortKey.safeParse(params.get('sort')).data ?? DEFAULT_SORT,
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
    page: positiveInt(params.get('page'), 1),
    pageSize: positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

/** The search parameters of a state; defaults are left out so that URLs stay short. */
export function listSearchParams(state: CustomerListState): URLSearchParams {
  const params = filterSearchParams(state);
  if (state.sort !== DEFAULT_SORT) params.set('sort', state.sort);
  if (state.dir !== 'asc') params.set('dir', state.dir);
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(state.pageSize));
  return params;
}

/** Search and filter only: what the export takes. */
export function filterSearchParams(state: CustomerFilterState & { q: string }): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q !== '') params.set('q', state.q);
  for (const field of filterFields) {
    if (state[field].length > 0) params.set(field, state[field].join(','));
  }
  return params;
}

/** `?…` or '' */
export function queryString(params: URLSearchParams): string {
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CustomerInvoicesResponse,
  InvoiceDetails,
  type InvoiceExportQuery,
  type InvoiceListQuery,
  InvoiceListResponse,
} from '@vmsp/contracts';
import { api, query } from '../../app/api.ts';

/** Every admin invoice query starts with this key: list, details and a customer's invoices follow each change. */
const invoicesKey = ['invoices'] as const;
const portalInvoicesKey = ['portal', 'invoices'] as const;

/** Documents are rendered seconds after an invoice is issued: until then the page asks again this often. */
const WHILE_RENDERING_MS = 3000;

export type InvoiceListFilter = Omit<InvoiceListQuery, 'page' | 'pageSize'> & {
  page: number;
  pageSize: number;
};

export function useInvoiceList(filter: InvoiceListFilter) {
  const path = `/api/invoices${query(filter)}`;
  return useQuery({
    queryKey: [...invoicesKey, 'list', path],
    queryFn: () => api.get(path, InvoiceListResponse),
    placeholderData: keepPreviousData,
    refetchInterval: (q) =>
      q.state.data?.items.some((item) => !item.documentsReady) ? WHILE_RENDERING_MS : false,
  });
}

export function useInvoice(id: string) {
  return useQuery({
    queryKey: [...invoicesKey, 'details', id],
    queryFn: () => api.get(`/api/invoices/${encodeURIComponent(id)}`, InvoiceDetails),
    refetchInterval: (q) => {
      const details = q.state.data;
      return details && (!details.documentsReady || details.creditNotes.some((note) => !note.documentsReady))
        ? WHILE_RENDERING_MS
        : false;
    },
  });
}

/** After a change (or a refusal, which means the page is stale) every invoice query is asked again. */
function useInvoicesChanged() {
  const queryClient = useQueryClient();
  return {
    onSuccess: (details: InvoiceDetails) => {
      queryClient.setQueryData([...invoicesKey, 'details', details.id], details);
      return queryClient.invalidateQueries({ queryKey: invoicesKey });
    },
    onError: () => queryClient.invalidateQueries({ queryKey: invoicesKey }),
  };
}

/** `Mark as paid`; answers with the invoice's details. */
export function useMarkInvoicePaid() {
  const changed = useInvoicesChanged();
  return useMutation({
    mutationFn: ({ id, paidOn }: { id: string; paidOn: string }) =>
      api.post(`/api/invoices/${encodeURIComponent(id)}/paid`, { paidOn }, InvoiceDetails),
    ...changed,
  });
}

/** `Credit note`, in full (no lineIds) or for the chosen lines; answers with the credited invoice's details. */
export function useCreateCreditNote() {
  const changed = useInvoicesChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; reason: string; lineIds?: number[] }) =>
      api.post(`/api/invoices/${encodeURIComponent(id)}/credit-notes`, body, InvoiceDetails),
    ...changed,
  });
}

/** `Send by e-mail`: the invoice's mail with its PDF, to the address given; answers with the invoice's details. */
export function useSendInvoiceMail() {
  const changed = useInvoicesChanged();
  return useMutation({
    mutationFn: ({ id, to }: { id: string; to: string }) =>
      api.post(`/api/invoices/${encodeURIComponent(id)}/mail`, { to }, InvoiceDetails),
    ...changed,
  });
}

/** A customer's invoices and Stripe invoices, for the customer details overlay. */
export function useCustomerInvoices(customerId: string) {
  return useQuery({
    queryKey: [...invoicesKey, 'customer', customerId],
    queryFn: () =>
      api.get(`/api/customers/${encodeURIComponent(customerId)}/invoices`, CustomerInvoicesResponse),
    refetchInterval: (q) =>
      q.state.data?.invoices.some((item) => !item.documentsReady) ? WHILE_RENDERING_MS : false,
  });
}

/** The signed-in customer user's own invoices and Stripe invoices. */
export function usePortalInvoices() {
  return useQuery({
    queryKey: portalInvoicesKey,
    queryFn: () => api.get('/api/portal/invoices', CustomerInvoicesResponse),
    refetchInterval: (q) =>
      q.state.data?.invoices.some((item) => !item.documentsReady) ? WHILE_RENDERING_MS : false,
  });
}

export type DocumentFormat = 'pdf' | 'xml';
/** Whose route a download goes through: admins may fetch any invoice, customer users only their own. */
export type DocumentScope = 'admin' | 'portal';

/** A document's URL: a plain GET download (the session cookie goes along), named by the server. */
export function documentUrl(scope: DocumentScope, id: string, format: DocumentFormat): string {
  const base = scope === 'admin' ? '/api/invoices' : '/api/portal/invoices';
  return `${base}/${encodeURIComponent(id)}/${format}`;
}

/** A month's export: the CSV for accounting (with its separator) or the ZIP of every PDF and XML. */
export function exportUrl(
  format: 'csv' | 'zip',
  month: string,
  sep: InvoiceExportQuery['sep'] = 'comma',
): string {
  return format === 'csv'
    ? `/api/invoices/export.csv${query({ month, sep })}`
    : `/api/invoices/export.zip${query({ month })}`;
}

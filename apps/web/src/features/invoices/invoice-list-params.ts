import {
  BillingMonthLabel,
  InvoiceKind,
  InvoiceStatus,
  type InvoiceStatus as InvoiceStatusValue,
} from '@vmsp/contracts';
import type { z } from 'zod';
import { pageParam } from '../../app/search-params.ts';

/**
 * The Invoices page's state, all of it in the URL so that a view can be bookmarked and shared:
 * `?month=2026-11&status=overdue&kind=invoice&q=acme&page=2&invoice=<id>` (`invoice` is the one whose
 * details are open). Unknown values read as "not set".
 */
export interface InvoiceListState {
  month: string | undefined;
  status: InvoiceStatusValue | undefined;
  kind: z.infer<typeof InvoiceKind> | undefined;
  q: string;
  customerId: string | undefined;
  page: number;
  /** The invoice whose details are shown. */
  invoice: string | undefined;
}

export const INVOICE_PAGE_SIZE = 50;

export function readInvoiceListState(params: URLSearchParams): InvoiceListState {
  return {
    month: BillingMonthLabel.safeParse(params.get('month')).data,
    status: InvoiceStatus.safeParse(params.get('status')).data,
    kind: InvoiceKind.safeParse(params.get('kind')).data,
    q: (params.get('q') ?? '').trim(),
    customerId: params.get('customerId') || undefined,
    page: pageParam(params),
    invoice: params.get('invoice') || undefined,
  };
}

/** The list filter the server takes (the open details are no part of it). */
export function listFilterOf(state: InvoiceListState) {
  return {
    month: state.month,
    status: state.status,
    kind: state.kind,
    q: state.q === '' ? undefined : state.q,
    customerId: state.customerId,
    page: state.page,
    pageSize: INVOICE_PAGE_SIZE,
  };
}

import { and, count, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/connection.ts';
import { invoices } from '../../db/schema.ts';
import {
  type InvoiceKind,
  type InvoiceListRow,
  type InvoiceStatus,
  listQuery,
} from './invoices.repository.ts';

// The Invoices page's list: its filters, one page of rows, and the count and sums over all that match.

export interface InvoiceFilter {
  month?: string | undefined;
  status?: InvoiceStatus | undefined;
  kind?: InvoiceKind | undefined;
  customerId?: string | undefined;
  q?: string | undefined;
}

/** A LIKE pattern's wildcards taken literally: a search for "50%" finds "50%", not everything from "50". */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function whereOf(filter: InvoiceFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filter.month) conditions.push(eq(invoices.billingMonth, filter.month));
  if (filter.status) conditions.push(eq(invoices.status, filter.status));
  if (filter.kind) conditions.push(eq(invoices.kind, filter.kind));
  if (filter.customerId) conditions.push(eq(invoices.customerId, filter.customerId));
  const q = filter.q?.trim();
  if (q) {
    const text = likeEscaped(q.toLowerCase());
    conditions.push(
      or(
        sql`lower(${invoices.number}) like ${`${text}%`}`,
        sql`lower(${invoices.customerName}) like ${`%${text}%`}`,
      ),
    );
  }
  const present = conditions.filter((c): c is SQL => c !== undefined);
  return present.length ? and(...present) : undefined;
}

export async function listInvoices(
  executor: Executor,
  filter: InvoiceFilter,
  page: { limit: number; offset: number },
): Promise<InvoiceListRow[]> {
  return listQuery(executor)
    .where(whereOf(filter))
    .orderBy(desc(invoices.issuedAt), desc(invoices.number))
    .limit(page.limit)
    .offset(page.offset);
}

export interface InvoiceSums {
  total: number;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
  currency: string | null;
}

/** Count and sums over everything the filter matches; a credit note takes its amounts back. */
export async function sumInvoices(executor: Executor, filter: InvoiceFilter): Promise<InvoiceSums> {
  const signed = (column: AnyPgColumn) =>
    sql<number>`coalesce(sum(case when ${invoices.kind} = 'credit-note' then -${column} else ${column} end), 0)::int8`;
  const [row] = await executor
    .select({
      total: count(),
      netMinor: signed(invoices.netMinor),
      vatMinor: signed(invoices.vatMinor),
      grossMinor: signed(invoices.grossMinor),
      currency: sql<string | null>`max(${invoices.currency})`,
    })
    .from(invoices)
    .where(whereOf(filter));
  return {
    total: Number(row?.total ?? 0),
    netMinor: Number(row?.netMinor ?? 0),
    vatMinor: Number(row?.vatMinor ?? 0),
    grossMinor: Number(row?.grossMinor ?? 0),
    currency: row?.currency ?? null,
  };
}

/** The currency of the newest invoice, for totals over a filter that matches none. */
export async function newestCurrency(executor: Executor): Promise<string | null> {
  const [row] = await executor
    .select({ currency: invoices.currency })
    .from(invoices)
    .orderBy(desc(invoices.issuedAt))
    .limit(1);
  return row?.currency ?? null;
}

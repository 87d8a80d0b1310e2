import type { BillingMonth, InvoiceLine } from '@vmsp/domain';
import { sql } from 'drizzle-orm';
import { arrayParam } from '../../db/array-param.ts';
import { type Executor, queryRows } from '../../db/connection.ts';

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

export interface BillingDataCustomer {
  id: string;
  companyName: string;
  serviceMode: 'managed' | 'self-service';
}

export type PaymentMethod = 'credit-card' | 'invoice' | 'project-key';

/** An invoice's lines of one period (its price ranges) added up: what a billing data row needs of them. */
export type PeriodSales = Pick<
  InvoiceLine,
  'periodFrom' | 'periodTo' | 'netMinor' | 'quantity' | 'articleNumber'
>;

export interface MonthInvoice {
  customerId: string;
  number: string;
  /** One per period, in line order; articleNumber lists the period's articles joined by " + ". */
  lines: PeriodSales[];
}

export interface KeyPurchase {
  keyId: string;
  months: number;
  purchasePriceMinor: number;
}

/**
 * The next `limit` customers after `afterId`, in id order, with a subscription period in the month (keyset
 * pages: each is an index range scan, whatever page it is). Customers purged meanwhile are gone with their
 * periods; their billing records are not part of this list.
 */
export function customersOfMonth(
  executor: Executor,
  month: BillingMonth,
  afterId: string | null,
  limit: number,
): Promise<BillingDataCustomer[]> {
  return queryRows<BillingDataCustomer>(
    executor,
    sql`select c.id, c.company_name as "companyName", c.service_mode as "serviceMode"
        from customers c
        where ${afterId === null ? sql`true` : sql`c.id > ${afterId}::uuid`}
          and exists (select 1 from subscriptions s where s.customer_id = c.id
            and s.started_at < ${iso(month.end)} and (s.ended_at is null or s.ended_at > ${iso(month.start)}))
        order by c.id
        limit ${limit}`,
  );
}

/**
 * The month's invoices of these customers (credit notes are not lines of the month's sales), their lines added
 * up per period by the database: a row per invoice and period rather than every line's JSON.
 */
export async function invoicesOfMonth(
  executor: Executor,
  label: string,
  customerIds: string[],
): Promise<MonthInvoice[]> {
  if (!customerIds.length) return [];
  const rows = await queryRows<PeriodSales & { customerId: string; number: string }>(
    executor,
    sql`select i.customer_id as "customerId", i.number, g.period_from as "periodFrom", g.period_to as "periodTo",
          g.net::float8 as "netMinor", g.quantity::int as quantity, g.articles as "articleNumber"
        from invoices i
        cross join lateral (
          select l->>'periodFrom' as period_from, l->>'periodTo' as period_to,
            sum((l->>'netMinor')::bigint) as net, sum((l->>'quantity')::int) as quantity,
            string_agg(l->>'articleNumber', ' + ' order by (l->>'id')::int) as articles,
            min((l->>'id')::int) as first_line
          from jsonb_array_elements(i.document->'lines') l
          group by 1, 2) g
        where i.kind = 'invoice' and i.billing_month = ${label}
          and i.customer_id = any(${arrayParam(customerIds, 'uuid')})
        order by i.customer_id, g.first_line`,
  );
  const invoices: MonthInvoice[] = [];
  for (const { customerId, number, ...line } of rows) {
    const last = invoices.at(-1);
    if (last?.customerId === customerId) last.lines.push(line);
    else invoices.push({ customerId, number, lines: [line] });
  }
  return invoices;
}

/** What the provider paid for these project keys (the whole term) and for how many months. */
export async function keyPurchases(executor: Executor, keyIds: string[]): Promise<Map<string, KeyPurchase>> {
  if (!keyIds.length) return new Map();
  const rows = await queryRows<KeyPurchase>(
    executor,
    sql`select key_id as "keyId", months, purchase_price_minor as "purchasePriceMinor"
        from project_key_redemptions where key_id = any(${arrayParam(keyIds, 'text')})`,
  );
  return new Map(rows.map((r) => [r.keyId, { ...r, purchasePriceMinor: Number(r.purchasePriceMinor) }]));
}

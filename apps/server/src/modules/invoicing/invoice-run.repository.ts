import type { InvoiceDocument } from '@vmsp/domain';
import { sql } from 'drizzle-orm';
import { arrayParam } from '../../db/array-param.ts';
import { type Executor, queryRows, type Tx } from '../../db/connection.ts';
import { type MonthPeriod, periodsOverlapping } from '../billing/month-periods.ts';

/** The payment methods the portal invoices itself; card customers are billed by Stripe. */
const INVOICED_METHODS = sql`('invoice', 'project-key')`;

/** The start of the earliest period ever paid by invoice or project key: invoicing need not look further back. */
export async function firstInvoicedPeriodStart(executor: Executor): Promise<Date | null> {
  const [row] = await queryRows<{ at: string | Date | null }>(
    executor,
    sql`select min(started_at) as at from subscriptions where payment_method in ${INVOICED_METHODS}`,
  );
  return row?.at ? new Date(row.at) : null;
}

/** Of these billing months, those whose run has completed. */
export async function completedMonths(executor: Executor, labels: string[]): Promise<Set<string>> {
  const rows = await queryRows<{ billing_month: string }>(
    executor,
    sql`select billing_month from invoice_runs
        where completed_at is not null and billing_month = any(${arrayParam(labels, 'text')})`,
  );
  return new Set(rows.map((r) => r.billing_month));
}

/** Records that a month's run began; true for the first run of that month (on any instance). */
export async function startRun(executor: Executor, label: string, now: Date): Promise<boolean> {
  const rows = await queryRows<{ billing_month: string }>(
    executor,
    sql`insert into invoice_runs (billing_month, started_at) values (${label}, ${now.toISOString()}::timestamptz)
        on conflict (billing_month) do nothing returning billing_month`,
  );
  return rows.length > 0;
}

export async function addIssued(executor: Executor, label: string, issued: number): Promise<void> {
  await executor.execute(
    sql`update invoice_runs set issued = issued + ${issued} where billing_month = ${label}`,
  );
}

export async function completeRun(executor: Executor, label: string, now: Date): Promise<void> {
  await executor.execute(sql`update invoice_runs set completed_at = ${now.toISOString()}::timestamptz
    where billing_month = ${label} and completed_at is null`);
}

/** A customer as an invoice is addressed to it. */
export interface InvoiceCustomer {
  id: string;
  companyName: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  vatId: string | null;
  billingAddress: { street: string; postalCode: string; city: string; country: string } | null;
  contactName: string;
  contactEmail: string;
  invoiceEmail: string | null;
  /** The main user's language; null without a main user. */
  locale: 'en' | 'de' | null;
}

/**
 * The next `limit` customers after `afterId` (in id order), or the one customer, that had a period paid by
 * invoice or project key in [start, end), with their rows locked until the transaction ends. Every issuer of
 * a monthly invoice locks its customers first, in id order, so of two runs (on any instances) the second waits
 * for the first's batch and then sees its invoices; the order keeps two runs from deadlocking.
 */
export async function lockCustomersToInvoice(
  tx: Tx,
  month: { start: Date; end: Date },
  which: { afterId: string | null } | { customerId: string },
  limit: number,
): Promise<InvoiceCustomer[]> {
  return queryRows<InvoiceCustomer>(
    tx,
    sql`select c.id, c.company_name as "companyName", c.street, c.postal_code as "postalCode", c.city, c.country,
          c.vat_id as "vatId", c.billing_address as "billingAddress", c.contact_name as "contactName",
          c.contact_email as "contactEmail", c.invoice_email as "invoiceEmail", u.locale
        from customers c
        left join users u on u.id = c.main_user_id
        where ${
          'customerId' in which
            ? sql`c.id = ${which.customerId}::uuid`
            : which.afterId === null
              ? sql`true`
              : sql`c.id > ${which.afterId}::uuid`
        }
          and exists (
            select 1 from subscriptions s
            where s.customer_id = c.id and s.payment_method in ${INVOICED_METHODS}
              and s.started_at < ${month.end.toISOString()}::timestamptz
              and (s.ended_at is null or s.ended_at > ${month.start.toISOString()}::timestamptz))
        order by c.id
        limit ${limit}
        for update of c`,
  );
}

/** Which of these customers already have the month's invoice (read after their rows are locked). */
export async function alreadyInvoiced(tx: Tx, label: string, customerIds: string[]): Promise<Set<string>> {
  if (!customerIds.length) return new Set();
  const rows = await queryRows<{ customer_id: string }>(
    tx,
    sql`select customer_id from invoices
        where kind = 'invoice' and billing_month = ${label} and customer_id = any(${arrayParam(customerIds, 'uuid')})`,
  );
  return new Set(rows.map((r) => r.customer_id));
}

/** A period as an invoice bills it. */
export type InvoicedPeriod = MonthPeriod<'invoice' | 'project-key'>;

/** The periods paid by invoice or project key that overlap [start, end), of these customers, in time order. */
export function invoicedPeriods(
  executor: Executor,
  month: { start: Date; end: Date },
  customerIds: string[],
): Promise<InvoicedPeriod[]> {
  return periodsOverlapping(executor, month, customerIds, ['invoice', 'project-key'] as const);
}

/** A redeemed project key as its invoice line names it. */
export interface RedeemedKey {
  keyId: string;
  ips: number;
  months: number;
  salesPriceMinor: number;
}

export async function redeemedKeys(executor: Executor, keyIds: string[]): Promise<Map<string, RedeemedKey>> {
  if (!keyIds.length) return new Map();
  const rows = await queryRows<RedeemedKey>(
    executor,
    sql`select key_id as "keyId", ips, months, sales_price_minor as "salesPriceMinor"
        from project_key_redemptions where key_id = any(${arrayParam(keyIds, 'text')})`,
  );
  return new Map(rows.map((r) => [r.keyId, { ...r, salesPriceMinor: Number(r.salesPriceMinor) }]));
}

/** An invoice as the run writes it: the document and the list's columns taken from it. */
export interface NewInvoice {
  customerId: string;
  document: InvoiceDocument;
  issuedAt: Date;
}

/**
 * Writes the invoices in one statement with one parameter (the rows as a JSON array, unpacked by the server),
 * as the audit log's batch insert does: a batch of thousands of documents binds and plans in no time. A row
 * whose customer already has the month's invoice is skipped (the unique index), and the customers written
 * are returned, so the caller can tell.
 */
export async function insertInvoices(
  tx: Tx,
  rows: NewInvoice[],
): Promise<{ id: string; customerId: string }[]> {
  if (!rows.length) return [];
  const json = JSON.stringify(
    rows.map(({ customerId, document: d, issuedAt }) => ({
      number: d.number,
      customer_id: customerId,
      customer_name: d.buyer.name,
      billing_month: d.billingMonth,
      issued_at: issuedAt.toISOString(),
      issue_date: d.issueDate,
      due_date: d.dueDate,
      currency: d.currency,
      net_minor: d.totals.netMinor,
      vat_minor: d.totals.vatMinor,
      gross_minor: d.totals.grossMinor,
      vat_category: vatCategoryOf(d),
      language: d.language,
      document: d,
    })),
  );
  return queryRows<{ id: string; customerId: string }>(
    tx,
    sql`insert into invoices (number, kind, customer_id, customer_name, billing_month, issued_at, issue_date,
          due_date, currency, net_minor, vat_minor, gross_minor, vat_category, language, status, document,
          created_at, updated_at)
        select number, 'invoice', customer_id, customer_name, billing_month, issued_at, issue_date, due_date,
          currency, net_minor, vat_minor, gross_minor, vat_category, language, 'issued', document,
          issued_at, issued_at
        from jsonb_to_recordset(${json}::text::jsonb) as r(number text, customer_id uuid, customer_name text,
          billing_month text, issued_at timestamptz, issue_date date, due_date date, currency text,
          net_minor bigint, vat_minor bigint, gross_minor bigint, vat_category text, language text, document jsonb)
        on conflict (customer_id, billing_month) where kind = 'invoice' do nothing
        returning id, customer_id as "customerId"`,
  );
}

/** The invoice's VAT category for the list: the portal invoices one treatment per buyer, so there is one. */
function vatCategoryOf(d: InvoiceDocument): string {
  return d.vat[0]?.category ?? d.lines[0]?.vatCategory ?? 'S';
}

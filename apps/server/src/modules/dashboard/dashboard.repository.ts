import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';

/**
 * The dashboard's read-only aggregates. Each is one statement over indexed columns or a small table (most kept
 * exact by triggers), so the dashboard stays fast at 100,000 customers; only a closed month's periods need a
 * scan of the history, which the month end makes once per month (monthly-figures.service.ts).
 */

/**
 * Rows with their int8 aggregates as numbers: a raw statement through drizzle on the `pg` driver reads int8 as
 * text (PGlite as numbers). Counts and cents stay far below 2^53.
 */
async function numericRows<T extends Record<string, unknown>>(
  executor: Executor,
  query: SQL,
  numeric: (keyof T)[],
): Promise<T[]> {
  const rows = await queryRows<T>(executor, query);
  for (const row of rows) for (const key of numeric) row[key] = Number(row[key]) as T[keyof T];
  return rows;
}

/**
 * Which periods ran when a past month closed: those that began before its end and had not ended by then (a
 * period ended by a change at the month's end still counts, its successor starts at that instant). Without an
 * index on (started_at, ended_at) this reads every period: the month end counts it once (monthly_figures).
 */
function runningAtClose(monthEnd: Date): SQL {
  const end = monthEnd.toISOString();
  return sql`s.started_at < ${end}::timestamptz and (s.ended_at is null or s.ended_at >= ${end}::timestamptz)`;
}

/** Customers per status and service mode: a sum over customer_counts (at most 40 rows, kept by triggers). */
export async function customerCounts(
  executor: Executor,
): Promise<{ status: string; service_mode: string; n: number }[]> {
  return numericRows(
    executor,
    sql`select status, service_mode, sum(n)::int8 as n from customer_counts group by status, service_mode`,
    ['n'],
  );
}

/** The IPs and monthly prices of a group of subscriptions of one payment method and service mode. */
export type PeriodGroup = {
  payment_method: 'credit-card' | 'invoice' | 'project-key';
  service_mode: 'managed' | 'self-service';
  ips_internal: number;
  ips_external: number;
  monthly_minor: number;
};

/**
 * IPs, monthly prices and project keys' purchase prices (a key's purchase price / its months, rounded half-up)
 * of the periods running when a month closed, per payment method and service mode.
 */
export async function periodGroupsAtClose(
  executor: Executor,
  monthEnd: Date,
): Promise<(PeriodGroup & { key_purchase_minor: number })[]> {
  return numericRows<PeriodGroup & { key_purchase_minor: number }>(
    executor,
    sql`select s.payment_method, c.service_mode,
          coalesce(sum(s.ips_internal), 0)::int8 as ips_internal,
          coalesce(sum(s.ips_external), 0)::int8 as ips_external,
          coalesce(sum(s.monthly_price_minor), 0)::int8 as monthly_minor,
          coalesce(sum(round(r.purchase_price_minor::numeric / r.months)), 0)::int8 as key_purchase_minor
        from subscriptions s
        join customers c on c.id = s.customer_id
        left join project_key_redemptions r on r.key_id = s.project_key_id
        where ${runningAtClose(monthEnd)}
        group by s.payment_method, c.service_mode`,
    ['ips_internal', 'ips_external', 'monthly_minor', 'key_purchase_minor'],
  );
}

/**
 * How many periods not paid by a project key have each IP count: the purchase table prices each customer's IPs
 * (its graduated ranges apply per subscription), and there are far fewer distinct counts than periods.
 */
export async function tablePricedSizesAtClose(
  executor: Executor,
  monthEnd: Date,
): Promise<{ ips: number; n: number }[]> {
  return numericRows<{ ips: number; n: number }>(
    executor,
    sql`select s.ips_internal + s.ips_external as ips, count(*)::int8 as n
        from subscriptions s
        where ${runningAtClose(monthEnd)} and s.project_key_id is null
        group by 1`,
    ['ips', 'n'],
  );
}

export type RunningTotal = PeriodGroup & { ips: number; n: number };

/**
 * The running subscriptions as the customers' rows mirror them, per payment method, service mode and IP count
 * (running_totals, kept exact by triggers on customers: a few thousand rows at most, whatever the customers).
 */
export async function runningTotals(executor: Executor): Promise<RunningTotal[]> {
  return numericRows<RunningTotal>(
    executor,
    sql`select payment_method, service_mode, ips, n, ips_internal, ips_external, monthly_minor
        from running_totals where n <> 0`,
    ['n', 'ips_internal', 'ips_external', 'monthly_minor'],
  );
}

/** The running project-key periods' purchase price per month (running_key_purchase, kept by triggers). */
export async function runningKeyPurchase(executor: Executor): Promise<number> {
  const [row] = await numericRows<{ minor: number }>(executor, sql`select minor from running_key_purchase`, [
    'minor',
  ]);
  return row?.minor ?? 0;
}

/**
 * The month's invoices (not credit notes) per status: invoice_month_totals, kept exact by triggers on invoices,
 * a few rows whatever the month's invoices.
 */
export async function invoicesByStatus(
  executor: Executor,
  month: string,
): Promise<{ status: string; count: number; gross_minor: number }[]> {
  return numericRows(
    executor,
    sql`select status, n as count, gross_minor from invoice_month_totals
        where billing_month = ${month} and kind = 'invoice' and n <> 0`,
    ['count', 'gross_minor'],
  );
}

/**
 * Pending changes due by `until` (the index on effective_at), with their IP and price difference to the
 * customer's running period (none running: the whole new period is the difference).
 */
export async function scheduledChanges(
  executor: Executor,
  until: Date,
): Promise<{ count: number; ip_delta: number; revenue_delta_minor: number }> {
  const [row] = await numericRows<{ count: number; ip_delta: number; revenue_delta_minor: number }>(
    executor,
    sql`select count(*)::int8 as count,
          coalesce(sum(p.ips_internal + p.ips_external
            - coalesce(s.ips_internal + s.ips_external, 0)), 0)::int8 as ip_delta,
          coalesce(sum(p.monthly_price_minor - coalesce(s.monthly_price_minor, 0)), 0)::int8
            as revenue_delta_minor
        from pending_subscription_changes p
        left join subscriptions s on s.customer_id = p.customer_id and s.ended_at is null
        where p.effective_at <= ${until.toISOString()}::timestamptz`,
    ['count', 'ip_delta', 'revenue_delta_minor'],
  );
  return row ?? { count: 0, ip_delta: 0, revenue_delta_minor: 0 };
}

/**
 * The audited actions behind the month's customer movements. Counted from the audit log rather than by
 * counters of their own: every one of these changes already writes its entry in its own transaction, so the
 * count is exact without touching the customers, billing or purge code, and the index on (action, at) reads
 * just the month's entries of these five actions (a few thousand rows at most, also at 100,000 customers).
 */
const MOVEMENTS = {
  new: ['customer.created', 'customer.signed-up'],
  converted: ['customer.converted-to-managed'],
  cancelled: ['subscription.cancelled'],
  deleted: ['customer.purged'],
} as const;
export type Movement = keyof typeof MOVEMENTS;

/** Customers per movement in [start, end), each customer once per movement (a second Cancel after a restart). */
export async function movements(
  executor: Executor,
  start: Date,
  end: Date,
): Promise<Record<Movement, number>> {
  const kinds = Object.entries(MOVEMENTS).flatMap(([movement, actions]) =>
    actions.map((action) => sql`when ${action} then ${movement}`),
  );
  const actions = Object.values(MOVEMENTS).flat();
  const rows = await numericRows<{ movement: Movement; n: number }>(
    executor,
    sql`select case action ${sql.join(kinds, sql` `)} end as movement, count(distinct object_id)::int8 as n
        from audit_log
        where action in (${sql.join(
          actions.map((a) => sql`${a}`),
          sql`, `,
        )}) and at >= ${start.toISOString()}::timestamptz and at < ${end.toISOString()}::timestamptz
        group by 1`,
    ['n'],
  );
  const counts = { new: 0, converted: 0, cancelled: 0, deleted: 0 };
  for (const row of rows) counts[row.movement] = row.n;
  return counts;
}

/** The currency the portal bills in: the newest sales price table's (EUR before one is saved). */
export async function billingCurrency(executor: Executor): Promise<string> {
  const [row] = await queryRows<{ currency: string }>(
    executor,
    sql`select currency from price_versions order by version desc limit 1`,
  );
  return row?.currency ?? 'EUR';
}

import type { PaidMethod } from '@vmsp/contracts';
import { sql } from 'drizzle-orm';
import { arrayParam } from '../../db/array-param.ts';
import { type Executor, queryRows } from '../../db/connection.ts';

/** A subscription period as the month's invoices and its billing data read it. */
export interface MonthPeriod<M extends PaidMethod = PaidMethod> {
  customerId: string;
  ipsInternal: number;
  ipsExternal: number;
  paymentMethod: M;
  priceVersion: number | null;
  monthlyPriceMinor: number;
  currency: string;
  startedAt: Date;
  endedAt: Date | null;
  termEndsAt: Date | null;
  projectKeyId: string | null;
  /** Whether another period (of any payment method) starts where this one ended: false after Cancel. */
  continued: boolean;
}

/**
 * The periods of these customers that overlap [start, end), paid by one of `methods` (default: any), in customer
 * and time order. Billing owns the periods; the invoice run and the billing data both read a month's periods
 * through this one query, with the caller's executor (the invoice run reads inside its transaction), so the two
 * cannot come to disagree on which periods a month has.
 */
export async function periodsOverlapping<M extends PaidMethod = PaidMethod>(
  executor: Executor,
  span: { start: Date; end: Date },
  customerIds: string[],
  methods?: readonly M[],
): Promise<MonthPeriod<M>[]> {
  if (!customerIds.length) return [];
  type Row = Omit<MonthPeriod<M>, 'startedAt' | 'endedAt' | 'termEndsAt'> &
    Record<'startedAt', string | Date> &
    Record<'endedAt' | 'termEndsAt', string | Date | null>;
  const rows = await queryRows<Row>(
    executor,
    sql`select customer_id as "customerId", ips_internal as "ipsInternal", ips_external as "ipsExternal",
          payment_method as "paymentMethod", price_version as "priceVersion",
          monthly_price_minor as "monthlyPriceMinor", currency, started_at as "startedAt",
          ended_at as "endedAt", term_ends_at as "termEndsAt", project_key_id as "projectKeyId",
          exists (select 1 from subscriptions n where n.customer_id = s.customer_id and n.started_at = s.ended_at)
            as continued
        from subscriptions s
        where customer_id = any(${arrayParam(customerIds, 'uuid')})
          and ${methods ? sql`payment_method = any(${arrayParam(methods, 'text')})` : sql`true`}
          and started_at < ${span.end.toISOString()}::timestamptz
          and (ended_at is null or ended_at > ${span.start.toISOString()}::timestamptz)
        order by customer_id, started_at`,
  );
  return rows.map((r) => ({
    ...r,
    monthlyPriceMinor: Number(r.monthlyPriceMinor),
    startedAt: new Date(r.startedAt),
    endedAt: r.endedAt === null ? null : new Date(r.endedAt),
    termEndsAt: r.termEndsAt === null ? null : new Date(r.termEndsAt),
  }));
}

import type { PaidMethod } from '@vmsp/contracts';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';

/**
 * How many subscriptions run with each payment method: Billing → Payment Methods shows the figure. Payments
 * is given this function in app.ts, so that it reads billing's table without importing billing (billing
 * imports payments for the active methods).
 */
export async function runningSubscriptionsByMethod(
  executor: Executor,
): Promise<Partial<Record<PaidMethod, number>>> {
  const rows = await queryRows<{ payment_method: PaidMethod; n: number }>(
    executor,
    sql`select payment_method, count(*)::int as n from subscriptions where ended_at is null group by payment_method`,
  );
  return Object.fromEntries(rows.map((r) => [r.payment_method, r.n]));
}

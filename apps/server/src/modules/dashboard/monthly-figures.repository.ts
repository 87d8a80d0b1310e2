import { inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { monthlyFigures } from '../../db/schema.ts';
import type { SubscriptionFigures } from './subscription-figures.ts';

/** The stored figures of the months named (those stored), by label. */
export async function storedFigures(
  executor: Executor,
  months: string[],
): Promise<Map<string, SubscriptionFigures>> {
  if (!months.length) return new Map();
  const rows = await executor.select().from(monthlyFigures).where(inArray(monthlyFigures.month, months));
  return new Map(
    rows.map(({ month, purchaseVersion, purchaseMinor, computedAt: _, ...figures }) => [
      month,
      {
        ...figures,
        purchase:
          purchaseVersion === null || purchaseMinor === null
            ? null
            : { version: purchaseVersion, totalMinor: purchaseMinor },
      },
    ]),
  );
}

/**
 * Stores a month's figures. `keep` leaves a month already stored as it is (the month end, which may run on
 * several instances at once); else the new figures replace it (`vmsp stats rebuild`).
 */
export async function storeFigures(
  executor: Executor,
  month: string,
  { purchase, ...figures }: SubscriptionFigures,
  computedAt: Date,
  mode: 'keep' | 'replace',
): Promise<void> {
  const row = {
    month,
    ...figures,
    purchaseVersion: purchase?.version ?? null,
    purchaseMinor: purchase?.totalMinor ?? null,
    computedAt,
  };
  const insert = executor.insert(monthlyFigures).values(row);
  if (mode === 'keep') await insert.onConflictDoNothing();
  else await insert.onConflictDoUpdate({ target: monthlyFigures.month, set: row });
}

/** Removes the stored months outside [from, to] (labels compare as text): a rebuild keeps only what it counted. */
export async function dropFiguresOutside(executor: Executor, from: string, to: string): Promise<void> {
  await executor.execute(sql`delete from monthly_figures where month < ${from} or month > ${to}`);
}

/** When the first subscription period began (null: none yet). One scan of the periods, for a rebuild only. */
export async function firstPeriodStart(executor: Executor): Promise<Date | null> {
  const [row] = await queryRows<{ first: string | Date | null }>(
    executor,
    sql`select min(started_at) as first from subscriptions`,
  );
  return row?.first ? new Date(row.first) : null;
}

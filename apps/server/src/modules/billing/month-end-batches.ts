import { type SQL, sql } from 'drizzle-orm';
import { analyzeAfterChange, MONTH_END_TABLES } from '../../db/analyze.ts';
import { arrayParam } from '../../db/array-param.ts';
import type { Database, Tx } from '../../db/connection.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { type PricesService, type PriceVersionRecord, priceOf } from '../prices/prices.service.ts';
import type { ListColumnsSource } from './list-columns.ts';
import { auditView, methodAfterChange, totalOf } from './period-terms.ts';
import * as repo from './subscriptions.repository.ts';

/**
 * The month end's work in batches (R-3.4, R-4.1): fixed terms that ended, pending changes that came due, and
 * running periods moved to a newer price version. Each batch runs in its caller's transaction, takes its rows
 * with their customers' row locks (SKIP LOCKED, see subscriptions.repository.ts) and returns, per customer, the
 * row's facts and its running period afterwards, from which the caller writes the Billing list's columns
 * without reading them again.
 */
export class MonthEndBatches {
  readonly #prices: PricesService;
  readonly #audit: AuditService;
  readonly #analyze: boolean;
  /**
   * How many batches run at once, each in its own transaction on its own connection. Batches take disjoint
   * rows (SKIP LOCKED), so while PostgreSQL updates one batch's rows and indexes, it updates another's on a
   * second core; on the embedded database's one connection they would only queue.
   */
  readonly inFlight: number;

  constructor(deps: {
    prices: PricesService;
    audit: AuditService;
    /**
     * Whether a large run refreshes the planner's statistics itself: on the embedded database, which runs no
     * autovacuum. A PostgreSQL server's autovacuum analyzes the tables once a tenth of them changed, within
     * a minute, as it does after the daily ANALYZE the embedded portal schedules (db/analyze.ts).
     */
    analyze: boolean;
    /** See `inFlight`; default 1. */
    inFlight?: number;
  }) {
    this.#prices = deps.prices;
    this.#audit = deps.audit;
    this.#analyze = deps.analyze;
    this.inFlight = deps.inFlight ?? 1;
  }

  /**
   * After a run that changed `changedRows` rows: fresh statistics when it exceeded `threshold` (default
   * ANALYZE_AFTER_ROWS), as it moves the list's distribution (payment methods, IPs, prices); see the constructor.
   */
  async refreshStatistics(db: Database, changedRows: number, threshold?: number): Promise<boolean> {
    return this.#analyze && analyzeAfterChange(db, changedRows, MONTH_END_TABLES, threshold);
  }

  /**
   * Due changes applied at their own instants, oldest first; with `customerId`, only that customer's (a change
   * that came due before the month end ran belongs to the past, and a new change is judged after it).
   */
  async applyDue(tx: Tx, now: Date, limit: number, customerId?: string): Promise<ListColumnsSource[]> {
    const due = await repo.lockDueChanges(tx, now, limit, customerId);
    if (!due.length) return [];
    const ids = due.map((d) => d.change.customerId);
    const versions = await this.#prices.all(tx);
    const applied = due.flatMap(({ change, customer, running: old }) => {
      // Cancelling drops the pending change, so every pending change has a running period; be safe anyway.
      if (!old) return [];
      return [
        {
          customer,
          old,
          at: change.effectiveAt,
          next: {
            customerId: change.customerId,
            ipsInternal: change.ipsInternal,
            ipsExternal: change.ipsExternal,
            ...pricedAtApply(versions, change),
            paymentMethod: change.paymentMethod ?? methodAfterChange(old),
            projectKeyId: change.projectKeyId,
            termEndsAt: change.termEndsAt,
            startedAt: change.effectiveAt,
          },
        },
      ];
    });
    await repo.endPeriods(
      tx,
      applied.map((a) => ({ id: a.old.id, at: a.at })),
    );
    await repo.addPeriods(
      tx,
      applied.map((a) => a.next),
    );
    await repo.deletePending(tx, ids);
    await this.#recordSystemChanges(tx, 'subscription.change-applied', applied);
    return applied.map((a) => ({ customer: a.customer, running: a.next }));
  }

  /**
   * Running periods moved to the newest price version that applies to them by `now` (R-4.1): the old period
   * ends where the version starts to apply, the new one is priced by it.
   */
  async reprice(tx: Tx, now: Date, limit: number): Promise<ListColumnsSource[]> {
    const target = await this.#prices.versionRunningAt(tx, now);
    if (!target) return [];
    const stale = await repo.lockRunningBefore(tx, target.version, limit);
    if (!stale.length) return [];
    const replacements = stale.map(({ period, customer }) => {
      const at = new Date(Math.max(target.runningFrom.getTime(), period.startedAt.getTime()));
      const { id: _, ...rest } = period;
      return {
        customer,
        old: period,
        at,
        next: {
          ...rest,
          priceVersion: target.version,
          monthlyPriceMinor: priceOf(target, totalOf(period)).totalMinor,
          currency: target.currency,
          startedAt: at,
          endedAt: null,
        },
      };
    });
    await repo.endPeriods(
      tx,
      replacements.map((r) => ({ id: r.old.id, at: r.at })),
    );
    await repo.addPeriods(
      tx,
      replacements.map((r) => r.next),
    );
    await this.#recordSystemChanges(tx, 'subscription.repriced', replacements);
    return replacements.map((r) => ({ customer: r.customer, running: r.next }));
  }

  /**
   * Fixed terms (project keys) that have ended: the subscription ends at the term's end and a pending change
   * is dropped, as a cancellation would. The customer becomes inactive.
   */
  async expire(tx: Tx, now: Date, limit: number): Promise<ListColumnsSource[]> {
    const ended = await repo.lockTermEnded(tx, now, limit);
    if (!ended.length) return [];
    await repo.endPeriods(
      tx,
      ended.map(({ period }) => ({ id: period.id, at: period.termEndsAt ?? now })),
    );
    await repo.deletePending(
      tx,
      ended.map(({ period }) => period.customerId),
    );
    await this.#audit.recordMany(
      tx,
      ended.map(({ period }) => ({
        actor: null,
        action: 'subscription.term-ended',
        objectType: 'customer',
        objectId: period.customerId,
        before: { running: auditView(period) },
        after: { running: null },
      })),
    );
    return ended.map(({ customer }) => ({ customer, running: null }));
  }

  async #recordSystemChanges(
    tx: Tx,
    action: string,
    changes: { old: repo.PeriodRecord; next: Parameters<typeof auditView>[0] }[],
  ): Promise<void> {
    await this.#audit.recordSystemRows(tx, action, 'customer', periodChangeRows(changes));
  }
}

/**
 * The audit rows of period changes (object_id, before, after) as a query over one array parameter per number:
 * before and after are `{ running: auditView(period) }`, built by the server, which costs half of sending them
 * as JSON to be parsed.
 */
function periodChangeRows(changes: { old: repo.PeriodRecord; next: Parameters<typeof auditView>[0] }[]): SQL {
  const views = changes.map((c) => ({ id: c.old.customerId, b: auditView(c.old), a: auditView(c.next) }));
  const column = (pick: (v: (typeof views)[number]) => unknown, type: string) =>
    arrayParam(views.map(pick), type);
  const numbers = (['b', 'a'] as const).flatMap((side) => [
    column((v) => v[side].ipsInternal, 'int'),
    column((v) => v[side].ipsExternal, 'int'),
    column((v) => v[side].monthlyPriceMinor, 'bigint'),
    column((v) => v[side].currency, 'text'),
  ]);
  const running = (side: 'b' | 'a') =>
    sql.raw(`jsonb_build_object('running', jsonb_build_object('ipsInternal', ${side}_internal,
      'ipsExternal', ${side}_external, 'monthlyPriceMinor', ${side}_minor, 'currency', ${side}_currency))`);
  return sql`select r.object_id, ${running('b')} as before, ${running('a')} as after
    from unnest(${column((v) => v.id, 'text')}, ${sql.join(numbers, sql`, `)})
      as r(object_id, b_internal, b_external, b_minor, b_currency, a_internal, a_external, a_minor, a_currency)`;
}

/**
 * The price of a due change: a project key's stays what the key set. Otherwise the version it was made with,
 * unless a newer one already applies to running subscriptions at the change's instant (a change never goes back
 * to an older price).
 */
function pricedAtApply(
  versions: PriceVersionRecord[],
  change: repo.PendingRecord,
): { priceVersion: number | null; monthlyPriceMinor: number; currency: string } {
  const made = change.priceVersion;
  const kept = { priceVersion: made, monthlyPriceMinor: change.monthlyPriceMinor, currency: change.currency };
  if (made === null) return kept;
  let best: PriceVersionRecord | undefined;
  for (const v of versions) {
    const usable = v.version === made || v.runningFrom.getTime() <= change.effectiveAt.getTime();
    if (usable && v.version >= made && (!best || v.version > best.version)) best = v;
  }
  if (!best) throw new Error(`price version ${made} vanished`);
  if (best.version === made) return kept;
  return {
    priceVersion: best.version,
    monthlyPriceMinor: priceOf(best, totalOf(change)).totalMinor,
    currency: best.currency,
  };
}

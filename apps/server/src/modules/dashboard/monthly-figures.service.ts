import { type BillingMonth, billingMonthOf } from '@vmsp/domain';
import type { Database, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import type { MonthlyFiguresRecorder } from '../billing/month-closing.ts';
import type { PurchasePricesService } from '../prices/purchase-prices.service.ts';
import * as repo from './monthly-figures.repository.ts';
import { countSubscriptionFigures, type SubscriptionFigures } from './subscription-figures.ts';

/**
 * How many ended months the month end looks back for months not kept yet: after downtime, or on the first run
 * after an upgrade, it fills the development chart's longest range (older months: `vmsp stats rebuild`).
 */
export const CATCH_UP_MONTHS = 12;

/** The `count` billing months before `month`, oldest first. */
export function monthsBefore(month: BillingMonth, count: number, timeZone: string): BillingMonth[] {
  const months: BillingMonth[] = [];
  let m = month;
  for (let i = 0; i < count; i++) {
    m = billingMonthOf(new Date(m.start.getTime() - 1), timeZone);
    months.unshift(m);
  }
  return months;
}

/**
 * The monthly aggregates (`monthly_figures`): each closed billing month's subscription figures, counted once
 * when the month end has applied the changes due at its end, so the periods running when it closed are final
 * (a later change ends a period at a later instant, which still ran at the close). The Dashboard reads a past
 * month from here, the chart up to twelve at once, instead of scanning the whole subscription history.
 *
 * A purged customer's periods go with it, so a month counted again after a purge (a rebuild, or a month read
 * before the month end kept it) no longer holds that customer; the kept figures do.
 */
export class MonthlyFiguresService implements MonthlyFiguresRecorder {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #purchasePrices: PurchasePricesService;
  readonly #timeZone: string;

  constructor(deps: {
    db: Database;
    clock: Clock;
    purchasePrices: PurchasePricesService;
    billingTimeZone: string;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#purchasePrices = deps.purchasePrices;
    this.#timeZone = deps.billingTimeZone;
  }

  /**
   * Part of the month end, after its changes: keeps every month of the last CATCH_UP_MONTHS that has ended and
   * is not kept, oldest first, each in its own transaction. Every minute the usual answer, "all kept", costs one
   * lookup of twelve rows; a month kept meanwhile by another instance stays as that one stored it.
   */
  async recordClosedMonths(now: Date): Promise<{ recorded: number }> {
    const ended = monthsBefore(billingMonthOf(now, this.#timeZone), CATCH_UP_MONTHS, this.#timeZone);
    const kept = await repo.storedFigures(
      this.#db,
      ended.map((m) => m.label),
    );
    const missing = ended.filter((m) => !kept.has(m.label));
    for (const month of missing) {
      await this.#db.transaction(async (tx) => {
        await repo.storeFigures(tx, month.label, await this.#countClosed(tx, month), now, 'keep');
      });
    }
    return { recorded: missing.length };
  }

  /**
   * `vmsp stats rebuild`: counts every billing month from the first period's to the last ended one again from
   * the subscription history and replaces what is kept, in one transaction (readers see the old or the new).
   */
  async rebuild(): Promise<{ months: string[] }> {
    const now = this.#clock.now();
    return this.#db.transaction(async (tx) => {
      const first = await repo.firstPeriodStart(tx);
      const thisMonth = billingMonthOf(now, this.#timeZone);
      const months: BillingMonth[] = [];
      for (let m = first && billingMonthOf(first, this.#timeZone); m && m.start < thisMonth.start; ) {
        months.push(m);
        m = billingMonthOf(m.end, this.#timeZone);
      }
      for (const month of months) {
        await repo.storeFigures(tx, month.label, await this.#countClosed(tx, month), now, 'replace');
      }
      await repo.dropFiguresOutside(tx, months[0]?.label ?? '9999-99', months.at(-1)?.label ?? '0000-00');
      return { months: months.map((m) => m.label) };
    });
  }

  /**
   * The figures of each month: the current one counted now, a closed one as kept, or counted from the periods
   * running when it closed while the month end has not kept it yet (or it lies before the catch-up).
   */
  async figuresOf(months: BillingMonth[], current: BillingMonth): Promise<Map<string, SubscriptionFigures>> {
    const closed = months.filter((m) => m.label !== current.label);
    const figures = await repo.storedFigures(
      this.#db,
      closed.map((m) => m.label),
    );
    const counted = await Promise.all(
      months
        .filter((m) => !figures.has(m.label))
        .map(async (m) => {
          const count =
            m.label === current.label
              ? countSubscriptionFigures(
                  this.#db,
                  this.#purchasePrices,
                  { kind: 'now' },
                  this.#clock.now(),
                  'parallel',
                )
              : this.#countClosed(this.#db, m, 'parallel');
          return [m.label, await count] as const;
        }),
    );
    for (const [label, f] of counted) figures.set(label, f);
    return figures;
  }

  /** A closed month: the periods running at its end, priced by the purchase version of its last instant. */
  #countClosed(
    executor: Executor,
    month: BillingMonth,
    order: 'parallel' | 'sequential' = 'sequential',
  ): Promise<SubscriptionFigures> {
    return countSubscriptionFigures(
      executor,
      this.#purchasePrices,
      { kind: 'closed', monthEnd: month.end },
      new Date(month.end.getTime() - 1),
      order,
    );
  }
}

import type { Database, Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import type { ProjectKeysService } from '../project-keys/project-keys.service.ts';
import type { CustomerAccounts } from './customer-accounts.ts';
import { type ListColumnsSource, writeListColumns } from './list-columns.ts';
import type { MonthClosing } from './month-closing.ts';
import type { MonthEndBatches } from './month-end-batches.ts';

/** Month-end batch size: large enough to amortise round trips, small enough to keep each transaction short. */
const MONTH_END_BATCH = 5000;

/** The month end, run every minute by its job (billing/subscriptions.jobs.ts) and by `vmsp month-end`. */
export class MonthEndService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #accounts: CustomerAccounts;
  readonly #batches: MonthEndBatches;
  readonly #projectKeys: ProjectKeysService;
  readonly #closing: MonthClosing | undefined;

  constructor(deps: {
    db: Database;
    clock: Clock;
    accounts: CustomerAccounts;
    batches: MonthEndBatches;
    projectKeys: ProjectKeysService;
    /**
     * What follows once a month's periods are final: the dashboard's monthly figures and invoicing's run
     * (absent: the month end keeps no figures and invoices nothing).
     */
    closing?: MonthClosing;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#accounts = deps.accounts;
    this.#batches = deps.batches;
    this.#projectKeys = deps.projectKeys;
    this.#closing = deps.closing;
  }

  /**
   * The month end (R-3.4, R-4.1): applies every pending change that is due and moves running subscriptions to
   * the price version that applies to them, batch by batch, each batch one transaction that also updates the
   * customers' list columns. Safe to run at any time, repeatedly and on several instances at once: a change
   * is deleted in the transaction that applies it, and a period is moved only while its version is older.
   * More than `analyzeAbove` changed rows refresh the planner's statistics on the embedded database;
   * `batchSize` (default MONTH_END_BATCH) lets tests see many batches with few rows.
   * Then the subscription figures of the months that have ended are kept for the dashboard, and those months
   * invoiced: after the changes due at a month's end are applied, so that its periods are final.
   */
  async run(options: { analyzeAbove?: number; batchSize?: number } = {}): Promise<{
    expired: number;
    applied: number;
    repriced: number;
    reminded: number;
    invoiced: number;
  }> {
    const now = this.#clock.now();
    const size = options.batchSize ?? MONTH_END_BATCH;
    // Each worker takes batches until one comes back short: then every row left is due to no one, or locked by
    // a worker that is applying it.
    const run = async (batch: (tx: Tx) => Promise<ListColumnsSource[]>) => {
      const worker = async () => {
        let done = 0;
        for (;;) {
          const count = await this.#db.transaction(async (tx) => {
            const changed = await batch(tx);
            // The batch read each customer's facts under its row lock: the list columns follow without a re-read.
            await writeListColumns(tx, changed, now);
            return changed.length;
          });
          done += count;
          if (count < size) return done;
        }
      };
      const counts = await Promise.all(Array.from({ length: this.#batches.inFlight }, worker));
      return counts.reduce((sum, count) => sum + count, 0);
    };
    const expired = await run((tx) => this.#batches.expire(tx, now, size));
    const applied = await run((tx) => this.#batches.applyDue(tx, now, size));
    const repriced = await run((tx) => this.#batches.reprice(tx, now, size));
    await this.#batches.refreshStatistics(this.#db, expired + applied + repriced, options.analyzeAbove);
    const { invoiced } = (await this.#closing?.closeEndedMonths(now)) ?? { invoiced: 0 };
    const reminded = await this.#projectKeys.remindTermEndings(
      async (tx, customerId) => (await this.#accounts.find(tx, customerId))?.companyName ?? customerId,
    );
    return { expired, applied, repriced, reminded, invoiced };
  }
}

import type { PriceTableResponse, PriceVersion, SavePriceTableInput } from '@vmsp/contracts';
import { type GraduatedPrice, graduatedPrice, nextBillingMonthStart } from '@vmsp/domain';
import type { Database, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, conflict } from '../../lib/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import { priceTableOf } from './price-table-input.ts';
import * as repo from './prices.repository.ts';

export type PriceVersionRecord = repo.PriceVersionRecord;

export { moneyMessages } from './price-table-input.ts';

/** A stored version as the API shows it (the purchase price table shares the shape). */
export function toPriceVersion(v: PriceVersionRecord): PriceVersion {
  return {
    version: v.version,
    currency: v.currency,
    ranges: v.ranges,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdBy,
    runningFrom: v.runningFrom.toISOString(),
  };
}

const noPriceTable = () =>
  new AppError(
    'PRICE_TABLE_MISSING',
    409,
    'There is no price table yet. Save one under Billing → Self-Service first.',
  );

/**
 * The price table and its versions. Saving never changes a version: it adds the next one, so every
 * subscription period keeps the prices it was billed with.
 */
export class PricesService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #audit: AuditService;
  readonly #timeZone: string;

  constructor(deps: { db: Database; clock: Clock; audit: AuditService; billingTimeZone: string }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#audit = deps.audit;
    this.#timeZone = deps.billingTimeZone;
  }

  async table(executor: Executor = this.#db): Promise<PriceTableResponse> {
    const versions = await repo.listVersions(executor);
    const [current] = versions;
    return { current: current ? toPriceVersion(current) : null, versions: versions.map(toPriceVersion) };
  }

  /** The version new changes are priced with: the newest, at once. */
  async latest(executor: Executor): Promise<PriceVersionRecord> {
    const latest = await repo.latestVersion(executor);
    if (!latest) throw noPriceTable();
    return latest;
  }

  /** Every version by number (a handful: one per save), for pricing many subscriptions in one go. */
  async all(executor: Executor): Promise<PriceVersionRecord[]> {
    return repo.listVersions(executor);
  }

  versionRunningAt(executor: Executor, at: Date): Promise<PriceVersionRecord | undefined> {
    return repo.versionRunningAt(executor, at);
  }

  /**
   * `Save`: parses every price from the text the admin typed, checks the table, and stores it as the
   * next version. Every problem is found, the first is reported with its field; nothing is stored then.
   */
  async save(actor: Actor, input: SavePriceTableInput): Promise<PriceTableResponse> {
    const { ranges } = priceTableOf(input);
    await this.#db.transaction(async (tx) => {
      await repo.lockVersions(tx);
      const latest = await repo.latestVersion(tx);
      if ((latest?.version ?? null) !== input.basedOnVersion) {
        throw conflict(
          'CONFLICT',
          'Someone saved the price table meanwhile. Reload it and make your change again.',
        );
      }
      const now = this.#clock.now();
      const saved = await repo.insertVersion(tx, {
        version: (latest?.version ?? 0) + 1,
        currency: input.currency,
        ranges,
        createdAt: now,
        createdBy: actor.email,
        // The month in progress keeps its price (R-4.1 decision in the issue): running subscriptions move on
        // at the next month's start; the first table has nothing running on an older one.
        runningFrom: latest ? nextBillingMonthStart(now, this.#timeZone) : now,
      });
      await this.#audit.record(tx, {
        actor,
        action: 'price-table.saved',
        objectType: 'price-table',
        objectId: String(saved.version),
        before: latest ? { version: latest.version, currency: latest.currency, ranges: latest.ranges } : null,
        after: { version: saved.version, currency: saved.currency, ranges: saved.ranges },
      });
    });
    return this.table();
  }
}

/** The graduated price of n IPs by a stored version: the domain's function, the one the web preview uses. */
export function priceOf(version: PriceVersionRecord, n: number): GraduatedPrice {
  return graduatedPrice({ currency: version.currency, ranges: version.ranges }, n);
}

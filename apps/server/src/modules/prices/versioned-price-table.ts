import type { PriceTableResponse, PriceVersion, SavePriceTableInput } from '@vmsp/contracts';
import { nextBillingMonthStart } from '@vmsp/domain';
import type { Database, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { conflict } from '../../lib/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import { priceTableOf } from './price-table-input.ts';
import type { PriceVersionRecord } from './prices.repository.ts';

/** A stored version of either table: the sales and the purchase table keep the same columns. */
export type StoredPriceVersion = PriceVersionRecord;

/** The queries a table's repository offers for its versions (each repository module is one). */
export interface PriceVersionQueries {
  listVersions(executor: Executor): Promise<StoredPriceVersion[]>;
  latestVersion(executor: Executor): Promise<StoredPriceVersion | undefined>;
  lockVersions(executor: Executor): Promise<void>;
  insertVersion(executor: Executor, row: StoredPriceVersion): Promise<StoredPriceVersion>;
}

/** What tells one versioned table from the other: its queries, its audit entry and its messages. */
export interface VersionedTableKind {
  queries: PriceVersionQueries;
  auditAction: string;
  auditObjectType: string;
  /** The 409 for a save based on a version that is no longer the newest. */
  conflictMessage: string;
  /** The message for an empty price, which names the kind of price. */
  priceMissing?: string;
}

/** A stored version as the API shows it. */
export function toPriceVersion(v: StoredPriceVersion): PriceVersion {
  return {
    version: v.version,
    currency: v.currency,
    ranges: v.ranges,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdBy,
    runningFrom: v.runningFrom.toISOString(),
  };
}

/**
 * A graduated price table kept as versions, the rules the sales and the purchase table share: saving
 * never changes a version but adds the next one, so whatever was priced by a version keeps its prices.
 */
export class VersionedPriceTable {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #audit: AuditService;
  readonly #timeZone: string;
  readonly #kind: VersionedTableKind;

  constructor(deps: {
    db: Database;
    clock: Clock;
    audit: AuditService;
    billingTimeZone: string;
    kind: VersionedTableKind;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#audit = deps.audit;
    this.#timeZone = deps.billingTimeZone;
    this.#kind = deps.kind;
  }

  async table(executor: Executor = this.#db): Promise<PriceTableResponse> {
    const versions = await this.#kind.queries.listVersions(executor);
    const [current] = versions;
    return { current: current ? toPriceVersion(current) : null, versions: versions.map(toPriceVersion) };
  }

  /**
   * `Save`: parses every price from the text the admin typed, checks the table, and stores it as the next
   * version, if the admin edited the newest one. Every problem is found, the first is reported with its field;
   * nothing is stored then.
   */
  async save(actor: Actor, input: SavePriceTableInput): Promise<PriceTableResponse> {
    const { queries, auditAction, auditObjectType, conflictMessage, priceMissing } = this.#kind;
    const { ranges } = priceTableOf(input, priceMissing);
    await this.#db.transaction(async (tx) => {
      await queries.lockVersions(tx);
      const latest = await queries.latestVersion(tx);
      if ((latest?.version ?? null) !== input.basedOnVersion) throw conflict('CONFLICT', conflictMessage);
      const now = this.#clock.now();
      const saved = await queries.insertVersion(tx, {
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
        action: auditAction,
        objectType: auditObjectType,
        objectId: String(saved.version),
        before: latest ? { version: latest.version, currency: latest.currency, ranges: latest.ranges } : null,
        after: { version: saved.version, currency: saved.currency, ranges: saved.ranges },
      });
    });
    return this.table();
  }
}

import type { PriceTableResponse, SavePriceTableInput } from '@vmsp/contracts';
import { type GraduatedPrice, graduatedPrice } from '@vmsp/domain';
import type { Database, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import * as repo from './prices.repository.ts';
import { VersionedPriceTable } from './versioned-price-table.ts';

export type PriceVersionRecord = repo.PriceVersionRecord;

export { moneyRefused } from './price-table-input.ts';

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
  readonly #versions: VersionedPriceTable;

  constructor(deps: { db: Database; clock: Clock; audit: AuditService; billingTimeZone: string }) {
    this.#versions = new VersionedPriceTable({
      ...deps,
      kind: {
        queries: repo,
        auditAction: 'price-table.saved',
        auditObjectType: 'price-table',
        conflictMessage: 'Someone saved the price table meanwhile. Reload it and make your change again.',
      },
    });
  }

  table(executor?: Executor): Promise<PriceTableResponse> {
    return this.#versions.table(executor);
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
  save(actor: Actor, input: SavePriceTableInput): Promise<PriceTableResponse> {
    return this.#versions.save(actor, input);
  }
}

/** The graduated price of n IPs by a stored version: the domain's function, the one the web preview uses. */
export function priceOf(version: PriceVersionRecord, n: number): GraduatedPrice {
  return graduatedPrice({ currency: version.currency, ranges: version.ranges }, n);
}

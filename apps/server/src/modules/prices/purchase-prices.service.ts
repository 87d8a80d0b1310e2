import type { PriceTableResponse, SavePriceTableInput } from '@vmsp/contracts';
import { graduatedPrice, maxIps } from '@vmsp/domain';
import type { Database, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import * as repo from './purchase-prices.repository.ts';
import { VersionedPriceTable } from './versioned-price-table.ts';

export type PurchasePriceVersionRecord = repo.PurchasePriceVersionRecord;

/** What n IPs cost the provider per month at its upstream MSP, and by which version of the purchase table. */
export interface PurchasePrice {
  totalMinor: number;
  currency: string;
  version: number;
}

/**
 * The monthly purchase price of `ips` IPs by a stored version: the graduated price of the domain, the one the
 * sales side bills with. The upstream MSP does not stop delivering at the table's last range, so IPs beyond its
 * upper end cost the last range's price each (a sales table caps what customers may order; a purchase table
 * cannot cap what the provider already sells).
 */
export function purchasePriceOf(version: PurchasePriceVersionRecord, ips: number): PurchasePrice {
  const table = { currency: version.currency, ranges: version.ranges };
  const max = maxIps(table);
  const within = graduatedPrice(table, Math.min(ips, max)).totalMinor;
  const beyond = ips > max ? (ips - max) * (table.ranges.at(-1)?.unitPriceMinor ?? 0) : 0;
  return { totalMinor: within + beyond, currency: version.currency, version: version.version };
}

/**
 * Settings → Purchase Prices: what the provider pays its upstream MSP per IP and month, a graduated table with
 * versions by the very rules of the sales table. The dashboard and the billing data price each
 * customer's IPs with it; the periods a project key pays for are not priced here: each redemption carries the
 * purchase price the key was issued with (`project_key_redemptions.purchase_price_minor`), used for those periods.
 */
export class PurchasePricesService {
  readonly #versions: VersionedPriceTable;

  constructor(deps: { db: Database; clock: Clock; audit: AuditService; billingTimeZone: string }) {
    this.#versions = new VersionedPriceTable({
      ...deps,
      kind: {
        queries: repo,
        auditAction: 'purchase-price-table.saved',
        auditObjectType: 'purchase-price-table',
        conflictMessage:
          'Someone saved the purchase price table meanwhile. Reload it and make your change again.',
        priceMissing: 'Enter the purchase price.',
      },
    });
  }

  table(executor?: Executor): Promise<PriceTableResponse> {
    return this.#versions.table(executor);
  }

  /** Every version, newest first (a handful: one per save), for pricing many months in one go. */
  versions(executor: Executor): Promise<PurchasePriceVersionRecord[]> {
    return repo.listVersions(executor);
  }

  versionRunningAt(executor: Executor, instant: Date): Promise<PurchasePriceVersionRecord | undefined> {
    return repo.versionRunningAt(executor, instant);
  }

  /**
   * The monthly purchase price of `ips` IPs by the version that applies at `instant`; null while no version
   * applies then (none saved yet, or the instant lies before the first one), so that the dashboard shows sales
   * figures only and says what is missing. The upstream MSP prices each customer's subscription (as a project
   * key carries the purchase price of one customer's IPs): pass one customer's IPs.
   */
  async purchasePriceAt(executor: Executor, instant: Date, ips: number): Promise<PurchasePrice | null> {
    const version = await repo.versionRunningAt(executor, instant);
    return version ? purchasePriceOf(version, ips) : null;
  }

  /**
   * `Save`: the same checks as the sales table; stored as the next version. Like the sales table, the month in
   * progress keeps its purchase price: a later version applies from the next billing month's start, the first
   * one at once (there is nothing earlier to keep).
   */
  save(actor: Actor, input: SavePriceTableInput): Promise<PriceTableResponse> {
    return this.#versions.save(actor, input);
  }
}

import type { Executor } from '../../db/connection.ts';
import { type PurchasePricesService, purchasePriceOf } from '../prices/purchase-prices.service.ts';
import * as repo from './dashboard.repository.ts';

/**
 * A billing month's subscription figures: the IPs, monthly prices and purchase cost of the periods running at
 * one instant (now, or when the month closed). What `monthly_figures` keeps per closed month, column for column.
 */
export interface SubscriptionFigures {
  ipsInternal: number;
  ipsExternal: number;
  ipsCreditCard: number;
  ipsInvoice: number;
  ipsProjectKey: number;
  revenueMinor: number;
  revenueSelfServiceMinor: number;
  revenueManagedMinor: number;
  /** The purchase table version that priced the IPs and their cost; null while none applied at `asOf`. */
  purchase: { version: number; totalMinor: number } | null;
}

/**
 * Counts the figures from the periods, exactly as the Dashboard defines them (dashboard.service.ts): every
 * period not paid by a project key is priced on the graduated purchase table by the version applying at
 * `asOf`; a project key's period costs the key's own purchase price / its months.
 */
export async function countSubscriptionFigures(
  executor: Executor,
  purchasePrices: PurchasePricesService,
  at: repo.PeriodsAt,
  asOf: Date,
  /** Side by side on the pool's connections; one after the other in a transaction (one connection). */
  order: 'parallel' | 'sequential',
): Promise<SubscriptionFigures> {
  const reads = [
    () => repo.periodGroups(executor, at),
    () => repo.tablePricedSizes(executor, at),
    () => purchasePrices.versionRunningAt(executor, asOf),
  ] as const;
  const [groups, sizes, version] =
    order === 'parallel'
      ? await Promise.all([reads[0](), reads[1](), reads[2]()])
      : [await reads[0](), await reads[1](), await reads[2]()];
  const sum = (pick: (g: repo.PeriodGroup) => number, where: (g: repo.PeriodGroup) => boolean = () => true) =>
    groups.filter(where).reduce((total, g) => total + pick(g), 0);
  const ipsOf = (method: repo.PeriodGroup['payment_method']) =>
    sum(
      (g) => g.ips_internal + g.ips_external,
      (g) => g.payment_method === method,
    );
  const revenueOf = (mode: repo.PeriodGroup['service_mode']) =>
    sum(
      (g) => g.monthly_minor,
      (g) => g.service_mode === mode,
    );
  return {
    ipsInternal: sum((g) => g.ips_internal),
    ipsExternal: sum((g) => g.ips_external),
    ipsCreditCard: ipsOf('credit-card'),
    ipsInvoice: ipsOf('invoice'),
    ipsProjectKey: ipsOf('project-key'),
    revenueMinor: sum((g) => g.monthly_minor),
    revenueSelfServiceMinor: revenueOf('self-service'),
    revenueManagedMinor: revenueOf('managed'),
    purchase: version
      ? {
          version: version.version,
          totalMinor:
            sizes.reduce((total, { ips, n }) => total + n * purchasePriceOf(version, ips).totalMinor, 0) +
            sum((g) => g.key_purchase_minor),
        }
      : null,
  };
}

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

/** Which subscriptions a month's figures count: those running now, or those running when a past month closed. */
export type FiguresAt = { kind: 'now' } | { kind: 'closed'; monthEnd: Date };

/** What the figures are summed from: groups of subscriptions, IP counts priced on the table, keys' cost. */
interface Sources {
  groups: repo.PeriodGroup[];
  tablePriced: { ips: number; n: number }[];
  keyPurchaseMinor: number;
}

/**
 * Now: the running subscriptions as the customers' rows mirror them (running_totals) and the running key
 * periods' purchase cost (running_key_purchase), both kept by triggers, so the current month costs the same at
 * any size. A closed
 * month: its periods (one scan of the history; the month end keeps the result in monthly_figures).
 */
async function sourcesOf(
  executor: Executor,
  at: FiguresAt,
  order: 'parallel' | 'sequential',
): Promise<Sources> {
  if (at.kind === 'now') {
    const reads = [() => repo.runningTotals(executor), () => repo.runningKeyPurchase(executor)] as const;
    const [totals, keyPurchaseMinor] =
      order === 'parallel'
        ? await Promise.all([reads[0](), reads[1]()])
        : [await reads[0](), await reads[1]()];
    // A customer pays by project key exactly when its running period carries the key.
    const tablePriced = totals.filter((t) => t.payment_method !== 'project-key');
    return { groups: totals, tablePriced, keyPurchaseMinor };
  }
  const reads = [
    () => repo.periodGroupsAtClose(executor, at.monthEnd),
    () => repo.tablePricedSizesAtClose(executor, at.monthEnd),
  ] as const;
  const [groups, tablePriced] =
    order === 'parallel' ? await Promise.all([reads[0](), reads[1]()]) : [await reads[0](), await reads[1]()];
  return { groups, tablePriced, keyPurchaseMinor: groups.reduce((n, g) => n + g.key_purchase_minor, 0) };
}

/** What the subscriptions cost on the purchase table: each IP count priced once, times its subscriptions. */
function tablePricedCost(sizes: { ips: number; n: number }[], priceOf: (ips: number) => number): number {
  const perSize = new Map<number, number>();
  for (const { ips, n } of sizes) perSize.set(ips, (perSize.get(ips) ?? 0) + n);
  let total = 0;
  for (const [ips, n] of perSize) total += n * priceOf(ips);
  return total;
}

/**
 * Counts the figures, exactly as the Dashboard defines them (dashboard.service.ts): every subscription not paid
 * by a project key is priced on the graduated purchase table by the version applying at `asOf`; a project
 * key's costs the key's own purchase price / its months. `order`: side by side on the pool's connections, or
 * one after the other in a transaction (one connection).
 */
export async function countSubscriptionFigures(
  executor: Executor,
  purchasePrices: PurchasePricesService,
  at: FiguresAt,
  asOf: Date,
  order: 'parallel' | 'sequential',
): Promise<SubscriptionFigures> {
  const [{ groups, tablePriced, keyPurchaseMinor }, version] =
    order === 'parallel'
      ? await Promise.all([sourcesOf(executor, at, order), purchasePrices.versionRunningAt(executor, asOf)])
      : [await sourcesOf(executor, at, order), await purchasePrices.versionRunningAt(executor, asOf)];
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
            tablePricedCost(tablePriced, (ips) => purchasePriceOf(version, ips).totalMinor) +
            keyPurchaseMinor,
        }
      : null,
  };
}

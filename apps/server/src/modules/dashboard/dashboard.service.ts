import type { DashboardAmount, DashboardResponse } from '@vmsp/contracts';
import { billingMonthFromLabel, billingMonthOf } from '@vmsp/domain';
import type { Database } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { invalid } from '../../lib/errors.ts';
import { type PurchasePricesService, purchasePriceOf } from '../prices/purchase-prices.service.ts';
import * as repo from './dashboard.repository.ts';

/** `total / ips` rounded half-up to the cent (negative margins round towards +∞ at .5, as Math.round does). */
function perIp(totalMinor: number, ips: number): number | null {
  return ips > 0 ? Math.round(totalMinor / ips) : null;
}

/**
 * The admin's Dashboard: the key figures of a billing month, each an exact aggregate of the database.
 *
 * - Subscription figures (IPs, revenue, purchase cost) count the periods running now for the current month and
 *   the periods running when a past month closed; the customers' counts are always today's.
 * - Purchase cost: the upstream MSP prices each customer's subscription, as a project key carries the purchase
 *   price of one customer's IPs: every period not paid by a project key is priced on the graduated purchase
 *   table (`purchasePriceOf`) by the version applying at that instant, the billing data's rule too; a project
 *   key's period costs the key's own purchase price / its months (rounded half-up, like its sales price).
 *   Without a version applying then, `purchase` is null.
 * - Income by service mode is the monthly recurring revenue of self-service and of managed customers.
 */
export class DashboardService {
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

  async figures(label?: string): Promise<DashboardResponse> {
    const now = this.#clock.now();
    const thisMonth = billingMonthOf(now, this.#timeZone);
    const month = label ? billingMonthFromLabel(label, this.#timeZone) : thisMonth;
    if (month.start > thisMonth.start) {
      throw invalid('month', 'Choose the current or a past billing month.');
    }
    const current = month.label === thisMonth.label;
    const at: repo.PeriodsAt = current ? { kind: 'now' } : { kind: 'closed', monthEnd: month.end };
    // The month's last instant: the purchase version that applied while it closed.
    const asOf = current ? now : new Date(month.end.getTime() - 1);
    const db = this.#db;
    const [counts, groups, sizes, invoiceRows, scheduled, currency, version] = await Promise.all([
      repo.customerCounts(db),
      repo.periodGroups(db, at),
      repo.tablePricedSizes(db, at),
      repo.invoicesByStatus(db, month.label),
      repo.scheduledChanges(db, thisMonth.end),
      repo.billingCurrency(db),
      this.#purchasePrices.versionRunningAt(db, asOf),
    ]);

    const sum = (
      pick: (g: repo.PeriodGroup) => number,
      where: (g: repo.PeriodGroup) => boolean = () => true,
    ) => groups.filter(where).reduce((total, g) => total + pick(g), 0);
    const internal = sum((g) => g.ips_internal);
    const external = sum((g) => g.ips_external);
    const ips = internal + external;
    const ipsOf = (method: repo.PeriodGroup['payment_method']) =>
      sum(
        (g) => g.ips_internal + g.ips_external,
        (g) => g.payment_method === method,
      );
    const mrr = sum((g) => g.monthly_minor);

    let purchase: DashboardResponse['purchase'] = null;
    if (version) {
      const totalMinor =
        sizes.reduce((total, { ips, n }) => total + n * purchasePriceOf(version, ips).totalMinor, 0) +
        sum((g) => g.key_purchase_minor);
      purchase = {
        version: version.version,
        totalMinor,
        averagePerIpMinor: perIp(totalMinor, ips),
        marginMinor: mrr - totalMinor,
        marginPerIpMinor: perIp(mrr - totalMinor, ips),
      };
    }

    const countOf = (status?: string, mode?: string) =>
      counts
        .filter((c) => (!status || c.status === status) && (!mode || c.service_mode === mode))
        .reduce((total, c) => total + c.n, 0);
    const invoicesOf = (status?: string): DashboardAmount => {
      const rows = invoiceRows.filter((r) => !status || r.status === status);
      return {
        count: rows.reduce((n, r) => n + r.count, 0),
        grossMinor: rows.reduce((n, r) => n + r.gross_minor, 0),
      };
    };

    return {
      month: month.label,
      current,
      asOf: asOf.toISOString(),
      currency,
      customersNow: {
        total: countOf(),
        byStatus: {
          invited: countOf('invited'),
          active: countOf('active'),
          inactive: countOf('inactive'),
          locked: countOf('locked'),
          deleting: countOf('deleting'),
        },
        byServiceMode: {
          managed: countOf(undefined, 'managed'),
          selfService: countOf(undefined, 'self-service'),
        },
      },
      ips: {
        total: ips,
        internal,
        external,
        byPaymentMethod: {
          creditCard: ipsOf('credit-card'),
          invoice: ipsOf('invoice'),
          projectKey: ipsOf('project-key'),
        },
      },
      revenue: {
        monthlyRecurringMinor: mrr,
        averagePerIpMinor: perIp(mrr, ips),
        selfServiceMinor: sum(
          (g) => g.monthly_minor,
          (g) => g.service_mode === 'self-service',
        ),
        managedMinor: sum(
          (g) => g.monthly_minor,
          (g) => g.service_mode === 'managed',
        ),
      },
      purchase,
      invoices: { issued: invoicesOf(), paid: invoicesOf('paid'), overdue: invoicesOf('overdue') },
      scheduledChanges: {
        effectiveAt: thisMonth.end.toISOString(),
        count: scheduled.count,
        ipDelta: scheduled.ip_delta,
        revenueDeltaMinor: scheduled.revenue_delta_minor,
      },
    };
  }
}

import type {
  DashboardAmount,
  DashboardHistoryQuery,
  DashboardHistoryResponse,
  DashboardResponse,
} from '@vmsp/contracts';
import { billingMonthFromLabel, billingMonthOf } from '@vmsp/domain';
import type { Database } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { invalid } from '../../lib/errors.ts';
import * as repo from './dashboard.repository.ts';
import { type MonthlyFiguresService, monthsBefore } from './monthly-figures.service.ts';
import type { SubscriptionFigures } from './subscription-figures.ts';

/** `total / ips` rounded half-up to the cent (negative margins round towards +∞ at .5, as Math.round does). */
function perIp(totalMinor: number, ips: number): number | null {
  return ips > 0 ? Math.round(totalMinor / ips) : null;
}

/**
 * The admin's Dashboard: the key figures of a billing month, each an exact aggregate of the database.
 *
 * - Subscription figures (IPs, revenue, purchase cost; subscription-figures.ts) count the periods running now
 *   for the current month; a past month's are those running when it closed, kept by the month end in the
 *   monthly aggregates (monthly-figures.service.ts). The customers' counts are always today's.
 * - Purchase cost: the upstream MSP prices each customer's subscription, as a project key carries the purchase
 *   price of one customer's IPs: every period not paid by a project key is priced on the graduated purchase
 *   table (`purchasePriceOf`) by the version applying at that instant, the billing data's rule too; a project
 *   key's period costs the key's own purchase price / its months (rounded half-up, like its sales price).
 *   Without a version applying then, `purchase` is null.
 * - Income by service mode is the monthly recurring revenue of self-service and of managed customers.
 * - Movements: the month's audited customer events (dashboard.repository.ts, `movements`).
 */
export class DashboardService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #monthlyFigures: MonthlyFiguresService;
  readonly #timeZone: string;

  constructor(deps: {
    db: Database;
    clock: Clock;
    monthlyFigures: MonthlyFiguresService;
    billingTimeZone: string;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#monthlyFigures = deps.monthlyFigures;
    this.#timeZone = deps.billingTimeZone;
  }

  async figures(label?: string): Promise<DashboardResponse> {
    const now = this.#clock.now();
    const thisMonth = billingMonthOf(now, this.#timeZone);
    const month = label ? billingMonthFromLabel(label, this.#timeZone) : thisMonth;
    if (month.start > thisMonth.start) {
      throw invalid('month', 'Choose the current or a past billing month.', { rule: 'month-in-future' });
    }
    const current = month.label === thisMonth.label;
    // The month's last instant: the purchase version that applied while it closed.
    const asOf = current ? now : new Date(month.end.getTime() - 1);
    const db = this.#db;
    const [counts, figuresByMonth, moves, invoiceRows, scheduled, currency] = await Promise.all([
      repo.customerCounts(db),
      this.#monthlyFigures.figuresOf([month], thisMonth),
      repo.movements(db, month.start, month.end),
      repo.invoicesByStatus(db, month.label),
      repo.scheduledChanges(db, thisMonth.end),
      repo.billingCurrency(db),
    ]);
    const f = figuresByMonth.get(month.label) as SubscriptionFigures;
    const ips = f.ipsInternal + f.ipsExternal;
    const mrr = f.revenueMinor;
    const purchase: DashboardResponse['purchase'] = f.purchase && {
      version: f.purchase.version,
      totalMinor: f.purchase.totalMinor,
      averagePerIpMinor: perIp(f.purchase.totalMinor, ips),
      marginMinor: mrr - f.purchase.totalMinor,
      marginPerIpMinor: perIp(mrr - f.purchase.totalMinor, ips),
    };

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
      movements: moves,
      ips: {
        total: ips,
        internal: f.ipsInternal,
        external: f.ipsExternal,
        byPaymentMethod: {
          creditCard: f.ipsCreditCard,
          invoice: f.ipsInvoice,
          projectKey: f.ipsProjectKey,
        },
      },
      revenue: {
        monthlyRecurringMinor: mrr,
        averagePerIpMinor: perIp(mrr, ips),
        selfServiceMinor: f.revenueSelfServiceMinor,
        managedMinor: f.revenueManagedMinor,
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

  /**
   * The development chart: the last 6 or 12 billing months, oldest first, ending with the current one; each
   * month the same subscription figures `figures` shows for it.
   */
  async history(query: DashboardHistoryQuery): Promise<DashboardHistoryResponse> {
    const count = Number(query.months ?? '6');
    const thisMonth = billingMonthOf(this.#clock.now(), this.#timeZone);
    const months = [...monthsBefore(thisMonth, count - 1, this.#timeZone), thisMonth];
    const [figures, currency] = await Promise.all([
      this.#monthlyFigures.figuresOf(months, thisMonth),
      repo.billingCurrency(this.#db),
    ]);
    return {
      currency,
      months: months.map((m) => {
        const f = figures.get(m.label) as SubscriptionFigures;
        const purchaseMinor = f.purchase?.totalMinor ?? null;
        return {
          month: m.label,
          current: m.label === thisMonth.label,
          ips: { total: f.ipsInternal + f.ipsExternal, internal: f.ipsInternal, external: f.ipsExternal },
          revenueMinor: f.revenueMinor,
          purchaseMinor,
          marginMinor: purchaseMinor === null ? null : f.revenueMinor - purchaseMinor,
        };
      }),
    };
  }
}

import { z } from 'zod';
import { IsoInstant } from './common.ts';
import { BillingMonthLabel } from './invoices.ts';

/**
 * The admin's Dashboard: the key figures of one billing month, each counted exactly from the database.
 * Route (admin): GET /api/dashboard?month=YYYY-MM (default: the current billing month; a future month is refused
 * with 400 naming `month`). Money is integer cents in `currency`; the portal bills in one currency.
 */

export const DashboardQuery = z.object({ month: BillingMonthLabel.optional() });
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const Count = z.number().int().min(0);
const Cents = z.number().int();

export const DashboardAmount = z.object({ count: Count, grossMinor: Cents });
export type DashboardAmount = z.infer<typeof DashboardAmount>;

export const DashboardResponse = z.object({
  month: BillingMonthLabel,
  /** Whether `month` is the billing month in progress. */
  current: z.boolean(),
  /**
   * The instant the subscription figures (IPs, revenue, purchase) are taken at: now for the current month, the
   * month's last instant for a past one (the periods that ran when it closed).
   */
  asOf: IsoInstant,
  currency: z.string(),
  /** Customers as of now, also when a past month is shown (the portal keeps no history of a customer's status). */
  customersNow: z.object({
    total: Count,
    byStatus: z.object({ invited: Count, active: Count, inactive: Count, locked: Count, deleting: Count }),
    byServiceMode: z.object({ managed: Count, selfService: Count }),
  }),
  /**
   * What happened to customers during `month` (each counted once, in the billing month it happened in):
   * `new` created by an admin or signed up, `converted` turned from self-service into managed, `cancelled`
   * their subscription ended without a successor (Cancel Active Subscription, or a card subscription that ended
   * at Stripe; the portal has no self-cancel), `deleted` removed for good (purged) after being marked for
   * deletion. Counted from the audit log.
   */
  movements: z.object({ new: Count, converted: Count, cancelled: Count, deleted: Count }),
  /** IPs of the subscription periods running at `asOf`. */
  ips: z.object({
    total: Count,
    internal: Count,
    external: Count,
    byPaymentMethod: z.object({ creditCard: Count, invoice: Count, projectKey: Count }),
  }),
  /** Monthly prices of the periods running at `asOf`. */
  revenue: z.object({
    /** Monthly recurring revenue: the sum of the running periods' monthly prices. */
    monthlyRecurringMinor: Cents,
    /** MRR / IPs, rounded half-up to the cent; null without IPs. */
    averagePerIpMinor: Cents.nullable(),
    /** The MRR of self-service and of managed customers. */
    selfServiceMinor: Cents,
    managedMinor: Cents,
  }),
  /**
   * What the provider pays its upstream MSP for the same periods, and its margin; null while no purchase price
   * table applies at `asOf` (Settings → Purchase Prices).
   */
  purchase: z
    .object({
      /** The purchase table version that priced the IPs. */
      version: z.number().int(),
      totalMinor: Cents,
      averagePerIpMinor: Cents.nullable(),
      marginMinor: Cents,
      marginPerIpMinor: Cents.nullable(),
    })
    .nullable(),
  /** The portal's invoices (not credit notes) for `month`, gross amounts. `issued` counts every one issued. */
  invoices: z.object({ issued: DashboardAmount, paid: DashboardAmount, overdue: DashboardAmount }),
  /** Pending changes that apply at the end of the billing month in progress (independent of `month`). */
  scheduledChanges: z.object({
    effectiveAt: IsoInstant,
    count: Count,
    ipDelta: z.number().int(),
    revenueDeltaMinor: Cents,
  }),
});
export type DashboardResponse = z.infer<typeof DashboardResponse>;

/**
 * The development chart: the last 6 or 12 billing months, oldest first, ending with the current one.
 * Route (admin): GET /api/dashboard/history?months=6|12 (default 6). Each month carries the same subscription
 * figures the Dashboard shows for it (a closed month: the periods running when it closed, kept in the monthly
 * aggregates; the current month: now), so the chart and the month's figures always agree.
 */
export const DashboardHistoryQuery = z.object({ months: z.enum(['6', '12']).optional() });
export type DashboardHistoryQuery = z.infer<typeof DashboardHistoryQuery>;

export const DashboardHistoryMonth = z.object({
  month: BillingMonthLabel,
  current: z.boolean(),
  ips: z.object({ total: Count, internal: Count, external: Count }),
  /** Monthly recurring revenue at the month's close (now for the current month). */
  revenueMinor: Cents,
  /** Purchase cost and margin of the same periods; null while no purchase price table applied then. */
  purchaseMinor: Cents.nullable(),
  marginMinor: Cents.nullable(),
});
export type DashboardHistoryMonth = z.infer<typeof DashboardHistoryMonth>;

export const DashboardHistoryResponse = z.object({
  currency: z.string(),
  months: z.array(DashboardHistoryMonth),
});
export type DashboardHistoryResponse = z.infer<typeof DashboardHistoryResponse>;

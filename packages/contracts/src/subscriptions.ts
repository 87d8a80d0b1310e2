import { z } from 'zod';
import { IsoInstant, Money, PaymentMethod } from './common.ts';
import { CardBillingView, PaidMethod } from './payments.ts';
import { PriceVersion } from './prices.ts';

/** The provider's billing calendar: billing months are calendar months in this IANA time zone. */
export const BillingCalendar = z.object({ timeZone: z.string() });
export type BillingCalendar = z.infer<typeof BillingCalendar>;

export const ChangeKind = z.enum(['start', 'upgrade', 'downgrade', 'redistribution']);
export type ChangeKind = z.infer<typeof ChangeKind>;

/** One period of a customer's subscription: a change or a new price version starts a new period. */
export const SubscriptionPeriod = z.object({
  id: z.uuid(),
  ipsInternal: z.number().int(),
  ipsExternal: z.number().int(),
  paymentMethod: PaymentMethod,
  monthlyPrice: Money,
  /** Null when a project key's sales price sets the price. */
  priceVersion: z.number().int().nullable(),
  startedAt: IsoInstant,
  /** Null while the period runs. */
  endedAt: IsoInstant.nullable(),
  /** A fixed term's end (a project key's): the subscription ends then. */
  termEndsAt: IsoInstant.nullable(),
});
export type SubscriptionPeriod = z.infer<typeof SubscriptionPeriod>;

/** A scheduled change: one per customer; a newer change replaces it. */
export const PendingChange = z.object({
  kind: ChangeKind,
  ipsInternal: z.number().int(),
  ipsExternal: z.number().int(),
  /** The monthly price it will have, by the price version it was made with. */
  monthlyPrice: Money,
  effectiveAt: IsoInstant,
  createdAt: IsoInstant,
});
export type PendingChange = z.infer<typeof PendingChange>;

/** All subscriptions of a customer: the running period, the scheduled change, and the past, newest first. */
export const SubscriptionOverview = z.object({
  current: SubscriptionPeriod.nullable(),
  pending: PendingChange.nullable(),
  past: z.array(SubscriptionPeriod),
});
export type SubscriptionOverview = z.infer<typeof SubscriptionOverview>;

/**
 * `Save` in the IP Distribution dialog. The numbers are checked by the domain's rules (whole numbers, total ≥ 1,
 * internal + external = total, total ≤ the price table's end) so that each problem names its field.
 * `version` is the customer's version the dialog was opened with; a stale one is refused with CONFLICT.
 */
export const IpDistributionRequest = z.object({
  total: z.number(),
  internal: z.number(),
  external: z.number(),
  instant: z.boolean().default(false),
  version: z.number().int(),
});
export type IpDistributionRequest = z.input<typeof IpDistributionRequest>;
export type IpDistributionInput = z.output<typeof IpDistributionRequest>;

export const CancelSubscriptionRequest = z.object({ version: z.number().int() });

/** The portal's subscription page. Managed customers get `editable: false`: their provider manages it. */
export const PortalSubscription = z.object({
  serviceMode: z.enum(['managed', 'self-service']),
  editable: z.boolean(),
  version: z.number().int(),
  subscriptions: SubscriptionOverview,
  /** The table new changes are priced with; null until the provider has saved one. */
  priceTable: PriceVersion.nullable(),
  /** The payment methods this customer may choose now: the active ones a self-service customer can use. */
  paymentMethods: z.array(PaidMethod),
  cardBilling: CardBillingView.nullable(),
});
export type PortalSubscription = z.infer<typeof PortalSubscription>;

export const PortalIpDistributionResult = z.object({
  kind: ChangeKind,
  applied: z.boolean(),
  effectiveAt: IsoInstant,
  subscription: PortalSubscription,
});
export type PortalIpDistributionResult = z.infer<typeof PortalIpDistributionResult>;

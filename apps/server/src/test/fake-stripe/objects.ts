import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import type { Params } from './requests.ts';

// The fake Stripe API's objects, shaped as Stripe documents them (the fields the portal could read).

export interface FakeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: { id: string; object: string } };
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  type: string;
}

export type FakeStripeState = ReturnType<typeof emptyState>;

export const randomId = (length = 24) =>
  randomBytes(length).toString('base64url').replace(/[-_]/g, '0').slice(0, length);
export const list = <T>(data: T[], url: string) => ({ object: 'list' as const, data, has_more: false, url });

export function addMonths(seconds: number, months: number): number {
  const date = new Date(seconds * 1000);
  date.setUTCMonth(date.getUTCMonth() + months);
  return Math.floor(date.getTime() / 1000);
}

export interface Tier {
  up_to: number | null;
  unit_amount: number | null;
  flat_amount: number | null;
}

export function emptyState(created: number) {
  return {
    account: {
      id: `acct_${randomId(16)}`,
      object: 'account' as const,
      business_profile: { name: 'Fake Provider GmbH', url: null, support_email: null },
      charges_enabled: true,
      country: 'DE',
      created,
      default_currency: 'eur',
      details_submitted: true,
      email: 'billing@provider.test',
      payouts_enabled: true,
      type: 'standard' as const,
    },
    customers: new Map<string, ReturnType<typeof newCustomer>>(),
    products: new Map<string, ReturnType<typeof newProduct>>(),
    prices: new Map<string, FakePrice>(),
    checkoutSessions: new Map<string, FakeCheckoutSession>(),
    subscriptions: new Map<string, FakeSubscription>(),
    subscriptionSchedules: new Map<string, FakeSchedule>(),
    invoices: new Map<string, FakeInvoice>(),
  };
}

export function newCustomer(p: Params, created: number) {
  return {
    id: `cus_${randomId(14)}`,
    object: 'customer' as const,
    address: null,
    balance: 0,
    created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: p.text('description') ?? null,
    email: p.text('email') ?? null,
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null },
    livemode: false as const,
    metadata: p.metadata(),
    name: p.text('name') ?? null,
    phone: null,
    preferred_locales: [] as string[],
    shipping: null,
    tax_exempt: 'none' as const,
    test_clock: null,
  };
}

export function newProduct(p: Params, created: number) {
  return {
    id: `prod_${randomId(14)}`,
    object: 'product' as const,
    active: true,
    created,
    default_price: null,
    description: p.text('description') ?? null,
    images: [] as string[],
    livemode: false as const,
    marketing_features: [] as never[],
    metadata: p.metadata(),
    name: p.required('name'),
    package_dimensions: null,
    shippable: null,
    type: 'service' as const,
    unit_label: null,
    updated: created,
    url: null,
  };
}

export type FakePrice = ReturnType<typeof newPrice>;
export function newPrice(
  p: Params,
  created: number,
  fields: {
    product: string;
    currency: string;
    recurring: { interval: string; interval_count: number } | null;
  },
  tiers: Tier[] | null,
) {
  const unitAmount = p.int('unit_amount') ?? null;
  return {
    id: `price_${randomId(14)}`,
    object: 'price' as const,
    active: true,
    billing_scheme: tiers ? ('tiered' as const) : ('per_unit' as const),
    created,
    currency: fields.currency,
    custom_unit_amount: null,
    livemode: false as const,
    lookup_key: p.text('lookup_key') ?? null,
    metadata: p.metadata(),
    nickname: p.text('nickname') ?? null,
    product: fields.product,
    recurring: fields.recurring && {
      ...fields.recurring,
      meter: null,
      trial_period_days: null,
      usage_type: 'licensed' as const,
    },
    tax_behavior: 'unspecified' as const,
    // Stripe includes `tiers` only when asked for (expand[]=tiers); publicPrice() drops it otherwise.
    tiers,
    tiers_mode: tiers ? (p.text('tiers_mode') ?? null) : null,
    transform_quantity: null,
    type: fields.recurring ? ('recurring' as const) : ('one_time' as const),
    unit_amount: unitAmount,
    unit_amount_decimal: unitAmount === null ? null : String(unitAmount),
  };
}

export function publicPrice(price: FakePrice, expand: string[] = []) {
  const { tiers, ...rest } = price;
  return expand.includes('tiers') ? price : rest;
}

export function amountFor(price: FakePrice, quantity: number): number {
  if (!price.tiers) return (price.unit_amount ?? 0) * quantity;
  let total = 0;
  let below = 0;
  for (const tier of price.tiers) {
    const upTo = tier.up_to ?? Number.POSITIVE_INFINITY;
    const count = Math.min(quantity, upTo) - below;
    if (count <= 0) break;
    total += count * (tier.unit_amount ?? 0) + (tier.flat_amount ?? 0);
    below = upTo;
  }
  return total;
}

export type FakeCheckoutSession = ReturnType<typeof newCheckoutSession>;
export function newCheckoutSession(
  p: Params,
  created: number,
  apiBase: string,
  amount: number,
  currency: string,
) {
  const id = `cs_test_${randomId(58)}`;
  return {
    id,
    object: 'checkout.session' as const,
    amount_subtotal: amount,
    amount_total: amount,
    cancel_url: p.text('cancel_url') ?? null,
    client_reference_id: p.text('client_reference_id') ?? null,
    created,
    currency,
    customer: p.text('customer') ?? null,
    customer_details: null as { email: string | null } | null,
    customer_email: p.text('customer_email') ?? null,
    expires_at: created + 24 * 3600,
    invoice: null as string | null,
    livemode: false as const,
    metadata: p.metadata(),
    mode: p.required('mode'),
    payment_method_types: ['card'],
    payment_status: 'unpaid' as 'unpaid' | 'paid',
    status: 'open' as 'open' | 'complete' | 'expired',
    subscription: null as string | null,
    success_url: p.text('success_url') ?? null,
    ui_mode: 'hosted' as const,
    url: `${apiBase}/c/pay/${id}`,
  };
}

export interface CheckoutLine {
  price: FakePrice;
  quantity: number;
  /** subscription_data's billing_cycle_anchor and metadata. */
  anchor: number | undefined;
  metadata: Record<string, string>;
}

export type FakeSubscription = ReturnType<typeof newSubscription>;
export function newSubscription(customer: string, line: CheckoutLine, now: number) {
  const id = `sub_${randomId(14)}`;
  const periodEnd = line.anchor ?? addMonths(now, 1);
  const item = {
    id: `si_${randomId(14)}`,
    object: 'subscription_item' as const,
    created: now,
    current_period_end: periodEnd,
    current_period_start: now,
    discounts: [] as string[],
    metadata: {},
    price: publicPrice(line.price),
    quantity: line.quantity,
    subscription: id,
    tax_rates: [] as never[],
  };
  return {
    id,
    object: 'subscription' as const,
    billing_cycle_anchor: periodEnd,
    cancel_at: null as number | null,
    cancel_at_period_end: false,
    canceled_at: null as number | null,
    collection_method: 'charge_automatically' as const,
    created: now,
    currency: line.price.currency,
    // Stripe moved the period to the items (API 2025-03-31); kept here too for readers of older shapes.
    current_period_end: periodEnd,
    current_period_start: now,
    customer,
    default_payment_method: `pm_${randomId(14)}`,
    ended_at: null as number | null,
    items: list([item], `/v1/subscription_items?subscription=${id}`),
    latest_invoice: null as string | null,
    livemode: false as const,
    metadata: line.metadata,
    schedule: null as string | null,
    start_date: now,
    status: 'active' as 'active' | 'past_due' | 'canceled',
    trial_end: null,
    trial_start: null,
  };
}

export type FakeInvoice = ReturnType<typeof newInvoice>;
export function newInvoice(
  subscription: FakeSubscription,
  fields: { amount: number; paid: boolean; reason: string; periodStart: number; periodEnd: number },
  now: number,
) {
  const id = `in_${randomId(14)}`;
  const [item] = subscription.items.data;
  return {
    id,
    object: 'invoice' as const,
    account_country: 'DE',
    amount_due: fields.amount,
    amount_paid: fields.paid ? fields.amount : 0,
    amount_remaining: fields.paid ? 0 : fields.amount,
    attempt_count: 1,
    attempted: true,
    billing_reason: fields.reason,
    collection_method: 'charge_automatically' as const,
    created: now,
    currency: subscription.currency,
    customer: subscription.customer,
    // Null while a draft: Stripe gives the hosted page and the PDF once the invoice is finalized.
    hosted_invoice_url: `https://invoice.stripe.test/${id}` as string | null,
    invoice_pdf: `https://pay.stripe.test/invoice/${id}/pdf` as string | null,
    lines: list(
      [
        {
          id: `il_${randomId(14)}`,
          object: 'line_item' as const,
          amount: fields.amount,
          currency: subscription.currency,
          description: `${item?.quantity ?? 0} × ${item?.price.nickname ?? 'IPs'}`,
          period: { start: fields.periodStart, end: fields.periodEnd },
          quantity: item?.quantity ?? 0,
        },
      ],
      `/v1/invoices/${id}/lines`,
    ),
    livemode: false as const,
    metadata: {},
    next_payment_attempt: fields.paid ? null : now + 3 * 24 * 3600,
    number: `FAKE-${randomId(6).toUpperCase()}` as string | null,
    parent: {
      type: 'subscription_details' as const,
      quote_details: null,
      subscription_details: { metadata: subscription.metadata, subscription: subscription.id },
    },
    period_end: fields.periodEnd,
    period_start: fields.periodStart,
    status: (fields.paid ? 'paid' : 'open') as 'draft' | 'open' | 'paid' | 'uncollectible' | 'void',
    status_transitions: {
      finalized_at: now as number | null,
      marked_uncollectible_at: null as number | null,
      paid_at: fields.paid ? now : (null as number | null),
      voided_at: null as number | null,
    },
    subtotal: fields.amount,
    total: fields.amount,
  };
}

export interface Phase {
  start_date: number;
  end_date: number;
  items: { price: string; quantity: number; metadata: Record<string, string> }[];
  proration_behavior: string;
  metadata: Record<string, string>;
}

export type FakeSchedule = ReturnType<typeof newSchedule>;
export function newSchedule(subscription: FakeSubscription, now: number) {
  const [item] = subscription.items.data;
  const phase: Phase = {
    start_date: item?.current_period_start ?? now,
    end_date: item?.current_period_end ?? now,
    items: item ? [{ price: item.price.id, quantity: item.quantity, metadata: {} }] : [],
    proration_behavior: 'create_prorations',
    metadata: {},
  };
  return {
    id: `sub_sched_${randomId(14)}`,
    object: 'subscription_schedule' as const,
    canceled_at: null as number | null,
    completed_at: null,
    created: now,
    current_phase: { start_date: phase.start_date, end_date: phase.end_date },
    customer: subscription.customer,
    end_behavior: 'release',
    livemode: false as const,
    metadata: {} as Record<string, string>,
    phases: [phase],
    released_at: null as number | null,
    released_subscription: null as string | null,
    status: 'active' as 'active' | 'released' | 'canceled',
    subscription: subscription.id as string | null,
  };
}

export function event(type: string, object: { id: string; object: string }, created: number): FakeEvent {
  return {
    id: `evt_${randomId(24)}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created,
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

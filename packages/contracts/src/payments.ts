import { z } from 'zod';
import { IsoInstant } from './common.ts';
import type { ErrorCode } from './errors.ts';

/** The payment methods a subscription can have (Free is no method: no paid subscription). */
export const PaidMethod = z.enum(['credit-card', 'invoice', 'project-key']);
export type PaidMethod = z.infer<typeof PaidMethod>;

// Only the codes a method can be blocked by: the whole error list would weigh on the first page's bundle.
const blockedReasons = ['STRIPE_NOT_CONFIGURED'] as const satisfies readonly ErrorCode[];

/**
 * One row of Billing → Payment Methods. The billing type says how the method collects money:
 * `automatic` (the card is charged by Stripe each month), `manual` (the provider sends an invoice),
 * `prepaid` (the upstream MSP's key was paid up front).
 */
export const PaymentMethodRow = z.object({
  method: PaidMethod,
  billingType: z.enum(['automatic', 'manual', 'prepaid']),
  active: z.boolean(),
  /**
   * Why it cannot be activated now, as an error code the web app words in the user's language
   * (STRIPE_NOT_CONFIGURED: Credit Card without checked Stripe keys); null when it can.
   */
  blockedReason: z.enum(blockedReasons).nullable(),
  /** Running subscriptions that use it: they keep it when it is deactivated. */
  runningSubscriptions: z.number().int(),
});
export type PaymentMethodRow = z.infer<typeof PaymentMethodRow>;

export const PaymentMethodsResponse = z.object({ methods: z.array(PaymentMethodRow) });
export type PaymentMethodsResponse = z.infer<typeof PaymentMethodsResponse>;

export const SetPaymentMethodActiveRequest = z.object({ active: z.boolean() });

/** Settings → Stripe as the API returns it: never a secret, only whether one is stored. */
export const StripeSettingsView = z.object({
  publishableKey: z.string().nullable(),
  secretKeySet: z.boolean(),
  /** The last characters of the secret key, so an admin can tell which key is stored. */
  secretKeyHint: z.string().nullable(),
  webhookSecretSet: z.boolean(),
  /** The Stripe account the keys belong to, as Stripe reported it when they were checked. */
  accountId: z.string().nullable(),
  checkedAt: IsoInstant.nullable(),
  /** Test or live mode, from the key prefix. */
  mode: z.enum(['test', 'live']).nullable(),
  /** Where Stripe must send webhooks. */
  webhookUrl: z.string(),
});
export type StripeSettingsView = z.infer<typeof StripeSettingsView>;

/**
 * `Save` on the Stripe settings. `secretKey` (ApiKey) and `webhookSecret` may be left out to keep the stored
 * ones. The keys are checked with Stripe before anything is stored; a failing check answers Stripe's message.
 */
export const SaveStripeSettingsRequest = z.object({
  secretKey: z
    .string()
    .trim()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, 'Enter a Stripe secret key (sk_test_… or sk_live_…).')
    .optional(),
  publishableKey: z
    .string()
    .trim()
    .regex(/^pk_(test|live)_[A-Za-z0-9]+$/, 'Enter a Stripe publishable key (pk_test_… or pk_live_…).'),
  webhookSecret: z
    .string()
    .trim()
    .regex(/^whsec_[A-Za-z0-9+/=]+$/, 'Enter the webhook signing secret (whsec_…).')
    .optional(),
});
export type SaveStripeSettingsRequest = z.input<typeof SaveStripeSettingsRequest>;

/** The portal sends a self-service customer to Stripe Checkout to pay by card. */
export const CardCheckoutRequest = z.object({
  total: z.number(),
  internal: z.number(),
  external: z.number(),
  version: z.number().int(),
});
export type CardCheckoutRequest = z.infer<typeof CardCheckoutRequest>;
export const CardCheckoutResponse = z.object({ url: z.string() });
export type CardCheckoutResponse = z.infer<typeof CardCheckoutResponse>;

/** The card payment state a customer's row, details and portal show. */
export const CardBillingView = z.object({
  status: z.enum(['checkout-pending', 'active', 'past-due', 'canceled']),
  lastPaymentError: z.string().nullable(),
  lastPaymentFailedAt: IsoInstant.nullable(),
});
export type CardBillingView = z.infer<typeof CardBillingView>;

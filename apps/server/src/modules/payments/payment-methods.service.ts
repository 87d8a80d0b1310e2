import type { PaidMethod, PaymentMethodRow, PaymentMethodsResponse } from '@vmsp/contracts';
import { z } from 'zod';
import type { Database, Executor } from '../../db/connection.ts';
import { findSetting, upsertSetting } from '../../db/settings.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { StripeSettingsService } from './stripe-settings.service.ts';

const KEY = 'payment-methods';
const Stored = z.object({ 'credit-card': z.boolean(), invoice: z.boolean(), 'project-key': z.boolean() });
type Stored = z.infer<typeof Stored>;
/** Invoice and project keys work out of the box; cards need Stripe keys first. */
const DEFAULTS: Stored = { 'credit-card': false, invoice: true, 'project-key': true };
const ORDER: readonly PaidMethod[] = ['credit-card', 'invoice', 'project-key'];
const BILLING_TYPES = {
  'credit-card': 'automatic',
  invoice: 'manual',
  'project-key': 'prepaid',
} as const satisfies Record<PaidMethod, PaymentMethodRow['billingType']>;

/**
 * How many subscriptions run with each method. Subscriptions are billing's: billing answers, through this
 * function given in app.ts, so that payments does not import billing (which imports payments).
 */
export type RunningSubscriptionCounts = (executor: Executor) => Promise<Partial<Record<PaidMethod, number>>>;

const methodInactive = () =>
  new AppError('PAYMENT_METHOD_INACTIVE', 409, 'This payment method is not offered at the moment.');

/**
 * Billing → Payment Methods: which methods new subscriptions and changes may choose. Deactivating one
 * changes nothing that runs: subscriptions keep the method they have.
 */
export class PaymentMethodsService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #audit: AuditService;
  readonly #stripe: StripeSettingsService;
  readonly #runningSubscriptions: RunningSubscriptionCounts;

  constructor(deps: {
    db: Database;
    clock: Clock;
    audit: AuditService;
    stripe: StripeSettingsService;
    runningSubscriptions: RunningSubscriptionCounts;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#audit = deps.audit;
    this.#stripe = deps.stripe;
    this.#runningSubscriptions = deps.runningSubscriptions;
  }

  async list(executor: Executor = this.#db): Promise<PaymentMethodsResponse> {
    const stored = await this.#load(executor);
    const stripeReady = await this.#stripe.isConfigured(executor);
    const counts = await this.#runningSubscriptions(executor);
    return {
      methods: ORDER.map((method) => ({
        method,
        billingType: BILLING_TYPES[method],
        active: stored[method],
        blockedReason: method === 'credit-card' && !stripeReady ? 'STRIPE_NOT_CONFIGURED' : null,
        runningSubscriptions: counts[method] ?? 0,
      })),
    };
  }

  async isActive(executor: Executor, method: PaidMethod): Promise<boolean> {
    return (await this.#load(executor))[method];
  }

  /** Whether an admin has chosen the methods (the defaults are only a proposal) and left at least one active. */
  async chosen(executor: Executor = this.#db): Promise<boolean> {
    const parsed = Stored.safeParse(await findSetting(executor, KEY, { forUpdate: false }));
    return parsed.success && Object.values(parsed.data).some(Boolean);
  }

  /** Refuses a method that is deactivated (a new subscription or change cannot choose it). */
  async assertActive(executor: Executor, method: PaidMethod): Promise<void> {
    if (!(await this.isActive(executor, method))) throw methodInactive();
  }

  /** The methods a self-service customer may choose in the portal: the active ones it can pay with itself. */
  async forSelfService(executor: Executor): Promise<PaidMethod[]> {
    const stored = await this.#load(executor);
    const stripeReady = await this.#stripe.isConfigured(executor);
    return (['invoice', 'credit-card'] as const).filter(
      (m) => stored[m] && (m !== 'credit-card' || stripeReady),
    );
  }

  async setActive(actor: Actor, method: PaidMethod, active: boolean): Promise<PaymentMethodsResponse> {
    await this.#db.transaction(async (tx) => {
      const before = await this.#load(tx, true);
      if (active && method === 'credit-card' && !(await this.#stripe.isConfigured(tx))) {
        throw new AppError(
          'STRIPE_NOT_CONFIGURED',
          409,
          'Credit Card can be activated once the Stripe keys are entered and checked under Settings → Stripe.',
        );
      }
      const next = { ...before, [method]: active };
      await upsertSetting(tx, KEY, next, this.#clock.now());
      await this.#audit.record(tx, {
        actor,
        action: active ? 'payment-method.activated' : 'payment-method.deactivated',
        objectType: 'payment-method',
        objectId: method,
        before: { active: before[method] },
        after: { active },
      });
    });
    return this.list();
  }

  async #load(executor: Executor, forUpdate = false): Promise<Stored> {
    const parsed = Stored.safeParse(await findSetting(executor, KEY, { forUpdate }));
    return parsed.success ? parsed.data : DEFAULTS;
  }
}

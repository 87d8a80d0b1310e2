import type { CardCheckoutRequest } from '@vmsp/contracts';
import type { Database } from '../../db/connection.ts';
import { invalid } from '../../lib/errors.ts';
import { assertVersion } from '../../lib/versions.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { PaymentMethodsService } from '../payments/payment-methods.service.ts';
import type { StripeCheckout } from './stripe-checkout.ts';
import { managedByProvider, type SubscriptionChange } from './subscription-change.ts';
import type { SubscriptionsService } from './subscriptions.service.ts';

/**
 * Credit Card in the portal: the distribution is checked, then the customer is sent to Stripe Checkout
 * to pay for it. Nothing changes here until Stripe confirms the payment by webhook. Stripe is called between
 * the transaction that checks and the one that records, so no row is locked while Stripe answers; a change
 * of the customer in between wins (CONFLICT), and the unused session expires at Stripe.
 */
export class CardCheckoutService {
  readonly #db: Database;
  readonly #change: SubscriptionChange;
  readonly #audit: AuditService;
  readonly #subscriptions: SubscriptionsService;
  readonly #paymentMethods: PaymentMethodsService;
  readonly #checkout: StripeCheckout;

  constructor(deps: {
    db: Database;
    change: SubscriptionChange;
    audit: AuditService;
    subscriptions: SubscriptionsService;
    paymentMethods: PaymentMethodsService;
    checkout: StripeCheckout;
  }) {
    this.#db = deps.db;
    this.#change = deps.change;
    this.#audit = deps.audit;
    this.#subscriptions = deps.subscriptions;
    this.#paymentMethods = deps.paymentMethods;
    this.#checkout = deps.checkout;
  }

  async cardCheckout(actor: Actor, customerId: string, input: CardCheckoutRequest): Promise<{ url: string }> {
    const order = await this.#db.transaction(async (tx) => {
      const c = await this.#change.lock(tx, customerId);
      if (c.serviceMode !== 'self-service') throw managedByProvider();
      assertVersion(c, input.version);
      await this.#paymentMethods.assertActive(tx, 'credit-card');
      if ((await this.#subscriptions.running(tx, c.id))?.paymentMethod === 'credit-card') {
        throw invalid('paymentMethod', 'Your card subscription runs already: change its IPs with Save.', {
          rule: 'card-subscription-running',
        });
      }
      return { c, version: await this.#subscriptions.validate(tx, input) };
    });
    const checkout = await this.#checkout.create(order.c, {
      internal: input.internal,
      external: input.external,
      version: order.version,
    });
    return this.#db.transaction(async (tx) => {
      const c = await this.#change.lock(tx, customerId, input.version);
      await this.#checkout.record(tx, c.id, checkout);
      await this.#audit.record(tx, {
        actor,
        action: 'subscription.card-checkout-started',
        objectType: 'customer',
        objectId: c.id,
        after: { ipsInternal: input.internal, ipsExternal: input.external },
      });
      return { url: checkout.url };
    });
  }
}

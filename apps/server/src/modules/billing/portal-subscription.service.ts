import type { PortalSubscription } from '@vmsp/contracts';
import type { Database, Executor } from '../../db/connection.ts';
import { notFound } from '../../lib/errors.ts';
import type { PaymentMethodsService } from '../payments/payment-methods.service.ts';
import type { PricesService } from '../prices/prices.service.ts';
import type { CardPaymentsService } from './card-payments.service.ts';
import type { CustomerRecord } from './customer-accounts.ts';
import type { SubscriptionChange } from './subscription-change.ts';
import type { SubscriptionsService } from './subscriptions.service.ts';

/** The portal's subscription page: editable for self-service customers only. */
export class PortalSubscriptionService {
  readonly #db: Database;
  readonly #change: SubscriptionChange;
  readonly #subscriptions: SubscriptionsService;
  readonly #prices: PricesService;
  readonly #paymentMethods: PaymentMethodsService;
  readonly #cards: CardPaymentsService;

  constructor(deps: {
    db: Database;
    change: SubscriptionChange;
    subscriptions: SubscriptionsService;
    prices: PricesService;
    paymentMethods: PaymentMethodsService;
    cards: CardPaymentsService;
  }) {
    this.#db = deps.db;
    this.#change = deps.change;
    this.#subscriptions = deps.subscriptions;
    this.#prices = deps.prices;
    this.#paymentMethods = deps.paymentMethods;
    this.#cards = deps.cards;
  }

  /** The signed-in customer's subscription, pending change, price table and payment methods. */
  async show(customerId: string): Promise<PortalSubscription> {
    const c = await this.#change.find(this.#db, customerId);
    if (!c) throw notFound('The company');
    return this.of(this.#db, c);
  }

  /** The page as it stands for a customer row read (or locked) by the caller. */
  async of(executor: Executor, c: CustomerRecord): Promise<PortalSubscription> {
    const [subscriptions, prices] = await Promise.all([
      this.#subscriptions.overview(executor, c.id),
      this.#prices.table(executor),
    ]);
    return {
      serviceMode: c.serviceMode,
      editable: c.serviceMode === 'self-service',
      version: c.version,
      subscriptions,
      priceTable: prices.current,
      paymentMethods:
        c.serviceMode === 'self-service' ? await this.#paymentMethods.forSelfService(executor) : [],
      cardBilling: await this.#cards.view(executor, c),
    };
  }
}

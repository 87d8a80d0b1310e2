import type { CustomerDetails } from '@vmsp/contracts';
import type { Database } from '../../db/connection.ts';
import type { Actor } from '../audit/audit.service.ts';
import type { CardPaymentsService } from './card-payments.service.ts';
import type { SubscriptionChange } from './subscription-change.ts';
import type { SubscriptionsService } from './subscriptions.service.ts';

/** `Cancel Active Subscription` by an admin: the status becomes inactive, and a card subscription ends at Stripe. */
export class SubscriptionCancellationService {
  readonly #db: Database;
  readonly #change: SubscriptionChange;
  readonly #subscriptions: SubscriptionsService;
  readonly #cards: CardPaymentsService;

  constructor(deps: {
    db: Database;
    change: SubscriptionChange;
    subscriptions: SubscriptionsService;
    cards: CardPaymentsService;
  }) {
    this.#db = deps.db;
    this.#change = deps.change;
    this.#subscriptions = deps.subscriptions;
    this.#cards = deps.cards;
  }

  async cancelSubscription(actor: Actor, id: string, version: number): Promise<CustomerDetails> {
    return this.#db.transaction(async (tx) => {
      const c = await this.#change.lock(tx, id, version);
      if ((await this.#subscriptions.running(tx, c.id))?.paymentMethod === 'credit-card') {
        await this.#cards.cancel(tx, c.id);
      }
      const { customer } = await this.#change.cancel(tx, actor, c);
      return this.#change.details(tx, customer);
    });
  }
}

import type { Database } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { StripeSettingsService } from '../payments/stripe-settings.service.ts';
import type { StripeEventJob } from './card-payments.jobs.ts';
import * as repo from './card-payments.repository.ts';
import { stripeEventHandlers } from './stripe-event-handlers.ts';
import type { SubscriptionChange } from './subscription-change.ts';
import type { SubscriptionsService } from './subscriptions.service.ts';

/** The `stripe.event` job: one Stripe event, after the webhook stored it, handled by its type. */
export class StripeEventsService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #audit: AuditService;
  readonly #stripe: StripeSettingsService;
  readonly #subscriptions: SubscriptionsService;
  readonly #change: SubscriptionChange;

  constructor(deps: {
    db: Database;
    clock: Clock;
    audit: AuditService;
    stripe: StripeSettingsService;
    subscriptions: SubscriptionsService;
    change: SubscriptionChange;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#audit = deps.audit;
    this.#stripe = deps.stripe;
    this.#subscriptions = deps.subscriptions;
    this.#change = deps.change;
  }

  /**
   * The object is read back from Stripe before the transaction begins (no row is locked while Stripe answers;
   * Stripe unreachable throws, and the job is retried); the event id is marked processed in the same
   * transaction as its effect.
   */
  async handle(job: StripeEventJob): Promise<void> {
    const gateway = await this.#stripe.gateway();
    const handler = stripeEventHandlers.get(job.type);
    const object = handler ? await handler.read(gateway, job.objectId) : null;
    await this.#db.transaction(async (tx) => {
      if (handler && object) {
        await handler.handle(
          {
            tx,
            objectId: job.objectId,
            clock: this.#clock,
            audit: this.#audit,
            subscriptions: this.#subscriptions,
            change: this.#change,
          },
          object,
        );
      }
      await repo.markEventProcessed(tx, job.eventId, this.#clock.now());
    });
  }
}

import type Stripe from 'stripe';
import type { Database } from '../../db/connection.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { WebhookSignatureInvalid } from '../payments/stripe-errors.ts';
import type { StripeSettingsService } from '../payments/stripe-settings.service.ts';
import { STRIPE_EVENT_JOB, type StripeEventJob } from './card-payments.jobs.ts';
import * as repo from './card-payments.repository.ts';
import { stripeEventHandlers, stripeIdOf } from './stripe-event-handlers.ts';

const signatureInvalid = (message: string) =>
  new AppError('WEBHOOK_SIGNATURE_INVALID', 400, `The webhook signature is not valid: ${message}`);

/**
 * Stripe's webhook. The payload is not trusted: only the event's id, type and object id are kept, and
 * the `stripe.event` job reads the object back from Stripe before anything changes.
 */
export class StripeWebhookService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #stripe: StripeSettingsService;
  readonly #jobs: JobQueue;

  constructor(deps: { db: Database; clock: Clock; stripe: StripeSettingsService; jobs: JobQueue }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#stripe = deps.stripe;
    this.#jobs = deps.jobs;
  }

  /**
   * `POST /api/stripe/webhook`: verifies the signature over the raw body (300 s tolerance), stores the event id
   * once and queues its processing in the same transaction, so the answer is fast and a redelivery is a no-op.
   * An event of a type the portal does not act on is stored and acknowledged, not queued.
   */
  async receive(rawBody: Buffer, signature: string | undefined): Promise<{ duplicate: boolean }> {
    const secret = await this.#stripe.webhookSecret();
    if (!secret) throw signatureInvalid('no webhook signing secret is configured');
    if (!signature) throw signatureInvalid('the Stripe-Signature header is missing');
    let event: Stripe.Event;
    try {
      event = (await this.#stripe.gateway()).constructWebhookEvent(rawBody, signature, secret);
    } catch (error) {
      if (error instanceof WebhookSignatureInvalid) throw signatureInvalid(error.message);
      throw error;
    }
    const objectId = stripeIdOf(event.data.object as { id: string });
    return this.#db.transaction(async (tx) => {
      const fresh = await repo.insertEvent(tx, {
        id: event.id,
        type: event.type,
        receivedAt: this.#clock.now(),
      });
      if (!fresh) return { duplicate: true };
      if (stripeEventHandlers.has(event.type) && objectId) {
        await this.#jobs.send<StripeEventJob>(
          STRIPE_EVENT_JOB,
          { eventId: event.id, type: event.type, objectId },
          { tx, singletonKey: event.id },
        );
      }
      return { duplicate: false };
    });
  }
}

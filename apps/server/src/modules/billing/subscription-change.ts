import type { CustomerAction, CustomerDetails, IpDistributionInput } from '@vmsp/contracts';
import type { Executor, Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { PaymentMethodsService } from '../payments/payment-methods.service.ts';
import type { CardPaymentsService } from './card-payments.service.ts';
import type { CustomerAccounts, CustomerRecord } from './customer-accounts.ts';
import { mirrorListColumns } from './list-columns.ts';
import type { ChangeOutcome, ChangeRequest, SubscriptionsService } from './subscriptions.service.ts';

/** What a change answers the admin or the customer: its kind, and whether it applied now or is scheduled. */
export const resultOf = (o: ChangeOutcome) => ({
  kind: o.kind,
  applied: o.applied,
  effectiveAt: o.effectiveAt.toISOString(),
});

export const notApplicable = (action: CustomerAction) =>
  new AppError('ACTION_NOT_APPLICABLE', 409, `“${action}” does not apply to this customer.`);

/** A managed customer's subscription is changed by the provider only. */
export const managedByProvider = () =>
  new AppError('MANAGED_BY_PROVIDER', 403, 'Your provider manages this subscription. Ask them for changes.');

/**
 * One change of a customer's subscription, whoever asks for it (the admin, the customer, a project key, Stripe):
 * it runs on the customer's locked row, updates the subscription, mirrors it into the Billing list's columns and
 * audits it, all in the caller's transaction. The use cases around it (IP distribution, redemption, cancel,
 * Stripe's events) differ only in what they check before.
 */
export class SubscriptionChange {
  readonly #clock: Clock;
  readonly #audit: AuditService;
  readonly #accounts: CustomerAccounts;
  readonly #subscriptions: SubscriptionsService;
  readonly #paymentMethods: PaymentMethodsService;
  readonly #cards: CardPaymentsService;

  constructor(deps: {
    clock: Clock;
    audit: AuditService;
    accounts: CustomerAccounts;
    subscriptions: SubscriptionsService;
    paymentMethods: PaymentMethodsService;
    cards: CardPaymentsService;
  }) {
    this.#clock = deps.clock;
    this.#audit = deps.audit;
    this.#accounts = deps.accounts;
    this.#subscriptions = deps.subscriptions;
    this.#paymentMethods = deps.paymentMethods;
    this.#cards = deps.cards;
  }

  /** The customer's row, locked until the transaction ends; given `version`, refused when it changed meanwhile. */
  lock(tx: Tx, id: string, version?: number): Promise<CustomerRecord> {
    return this.#accounts.lock(tx, id, version);
  }

  find(executor: Executor, id: string): Promise<CustomerRecord | undefined> {
    return this.#accounts.find(executor, id);
  }

  details(executor: Executor, c: CustomerRecord): Promise<CustomerDetails> {
    return this.#accounts.details(executor, c);
  }

  /**
   * An IP distribution on a locked customer, by an admin or the customer: a new subscription needs an
   * active Invoice method, the change is mirrored and audited, and a card subscription follows at Stripe.
   */
  async distribute(tx: Tx, actor: Actor, c: CustomerRecord, input: IpDistributionInput) {
    await this.#assertCanStart(tx, c.id);
    const changed = await this.change(tx, actor, c, input);
    await this.#syncCard(tx, changed.customer, changed.outcome, input.total);
    return changed;
  }

  /** Changes the subscription of a locked customer as asked, without the checks of an IP distribution. */
  change(tx: Tx, actor: Actor | null, c: CustomerRecord, request: ChangeRequest) {
    return this.#apply(tx, actor, c, (t) => this.#subscriptions.change(t, c.id, request));
  }

  /** Ends the subscription of a locked customer: the status becomes inactive. */
  cancel(tx: Tx, actor: Actor | null, c: CustomerRecord) {
    return this.#apply(tx, actor, c, (t) => this.#subscriptions.cancel(t, c.id));
  }

  /** A change of a card subscription is queued for Stripe with the change, and reaches it after commit. */
  async #syncCard(tx: Tx, customer: CustomerRecord, outcome: ChangeOutcome, total: number): Promise<void> {
    if (outcome.running?.paymentMethod !== 'credit-card' || outcome.kind === 'redistribution') return;
    await this.#cards.syncQuantity(tx, customer, { total, applied: outcome.applied });
  }

  /**
   * A new subscription is billed by Invoice, which must be active; a running subscription keeps its
   * method even when that has been deactivated meanwhile.
   */
  async #assertCanStart(tx: Tx, customerId: string): Promise<void> {
    if (!(await this.#subscriptions.running(tx, customerId))) {
      await this.#paymentMethods.assertActive(tx, 'invoice');
    }
  }

  /** Runs a subscription change on a locked customer, mirrors it into the list columns, and audits it. */
  async #apply(
    tx: Tx,
    actor: Actor | null,
    c: CustomerRecord,
    change: (tx: Tx) => Promise<ChangeOutcome>,
  ): Promise<{ outcome: ChangeOutcome; customer: CustomerRecord }> {
    const outcome = await change(tx);
    await mirrorListColumns(tx, [c.id], this.#clock.now());
    const customer = await this.#accounts.find(tx, c.id);
    if (!customer) throw new Error(`customer ${c.id} vanished under its lock`);
    await this.#audit.record(tx, {
      actor,
      action: outcome.running ? `subscription.${outcome.kind}` : 'subscription.cancelled',
      objectType: 'customer',
      objectId: c.id,
      before: { status: c.status, ...(outcome.audit.before as object) },
      after: {
        status: customer.status,
        ...(outcome.audit.after as object),
        ...(outcome.applied ? {} : { scheduledFor: outcome.effectiveAt.toISOString() }),
      },
    });
    return { outcome, customer };
  }
}

import type {
  CardCheckoutRequest,
  CustomerAction,
  CustomerDetails,
  IpDistributionInput,
  IpDistributionResult,
  PortalIpDistributionResult,
  PortalSubscription,
  RedeemProjectKeyRequest,
} from '@vmsp/contracts';
import { customerActions, divideHalfUp, nextBillingMonthStart, parseMoney } from '@vmsp/domain';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database, Executor, Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, invalid, notFound } from '../../lib/errors.ts';
import { assertVersion } from '../../lib/versions.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { PaymentMethodsService } from '../payments/payment-methods.service.ts';
import { moneyMessages, type PricesService } from '../prices/prices.service.ts';
import type { ProjectKeysService } from '../project-keys/project-keys.service.ts';
import type { CardPaymentsService, StripeEventJob } from './card-payments.service.ts';
import type { CustomerAccounts, CustomerRecord } from './customer-accounts.ts';
import { mirrorListColumns, setPaymentFailedAt } from './list-columns.ts';
import type { ChangeOutcome, SubscriptionsService } from './subscriptions.service.ts';

type Record = CustomerRecord;

const resultOf = (o: ChangeOutcome) => ({
  kind: o.kind,
  applied: o.applied,
  effectiveAt: o.effectiveAt.toISOString(),
});

const notApplicable = (action: CustomerAction) =>
  new AppError('ACTION_NOT_APPLICABLE', 409, `“${action}” does not apply to this customer.`);

/**
 * A customer's subscription as the admin, the customer and the background jobs change it (R-3.4–,
 * every change runs on the customer's locked row, checks its version, updates the subscription, mirrors it
 * into the list columns and audits it in one transaction; card subscriptions follow at Stripe.
 */
export class CustomerSubscriptionsService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #config: Pick<Config, 'billingTimeZone'>;
  readonly #audit: AuditService;
  readonly #accounts: CustomerAccounts;
  readonly #subscriptions: SubscriptionsService;
  readonly #prices: PricesService;
  readonly #paymentMethods: PaymentMethodsService;
  readonly #projectKeys: ProjectKeysService;
  readonly #cards: CardPaymentsService;

  constructor(deps: {
    db: Database;
    clock: Clock;
    config: Pick<Config, 'billingTimeZone'>;
    audit: AuditService;
    accounts: CustomerAccounts;
    subscriptions: SubscriptionsService;
    prices: PricesService;
    paymentMethods: PaymentMethodsService;
    projectKeys: ProjectKeysService;
    cards: CardPaymentsService;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#config = deps.config;
    this.#audit = deps.audit;
    this.#accounts = deps.accounts;
    this.#subscriptions = deps.subscriptions;
    this.#prices = deps.prices;
    this.#paymentMethods = deps.paymentMethods;
    this.#projectKeys = deps.projectKeys;
    this.#cards = deps.cards;
  }

  /** `IP Distribution` by an admin, on any customer not being deleted. */
  async distributeIps(actor: Actor, id: string, input: IpDistributionInput): Promise<IpDistributionResult> {
    return this.#db.transaction(async (tx) => {
      const c = await this.#accounts.lock(tx, id, input.version);
      if (!customerActions(c).includes('ip-distribution')) throw notApplicable('ip-distribution');
      const { outcome, customer } = await this.#distribute(tx, actor, c, input);
      return { ...resultOf(outcome), customer: await this.#accounts.details(tx, customer) };
    });
  }

  /**
   * `Finish` in the Add Project Key wizard, managed customers only: the key is verified, its IPs
   * distributed as chosen, and the subscription changes by the rules of R-3.4 (an upgrade at once when
   * performed instantly, a downgrade at the month's end) to Project Key, at the sales price spread over the
   * term, ending with the term. The key is recorded as redeemed in the same transaction.
   */
  async redeemProjectKey(
    actor: Actor,
    id: string,
    input: z.output<typeof RedeemProjectKeyRequest>,
  ): Promise<IpDistributionResult> {
    return this.#db.transaction(async (tx) => {
      const c = await this.#accounts.lock(tx, id, input.version);
      if (!customerActions(c).includes('add-project-key')) throw notApplicable('add-project-key');
      await this.#paymentMethods.assertActive(tx, 'project-key');
      const key = await this.#projectKeys.verify(tx, input.key);
      // The provider bills in one currency: a key priced in another would make prices incomparable.
      const [table] = await this.#prices.all(tx);
      if (table && table.currency !== key.currency) {
        throw invalid(
          'key',
          `This project key is priced in ${key.currency}; the portal bills in ${table.currency}.`,
        );
      }
      const sales = parseMoney(input.salesPrice, 'salesPrice');
      if (!sales.ok) throw invalid('salesPrice', moneyMessages[sales.reason]);
      if (input.internal + input.external !== key.ips) {
        throw invalid(
          'internal',
          `The key carries ${key.ips} IPs: internal and external must add up to them.`,
        );
      }
      const { outcome, customer } = await this.#changeSubscription(tx, actor, c, (t) =>
        this.#subscriptions.change(t, c.id, {
          total: key.ips,
          internal: input.internal,
          external: input.external,
          instant: input.instant,
          projectKey: {
            keyId: key.keyId,
            // Display and list price per month; the redemption keeps the exact sales price of the term.
            monthlyPriceMinor: divideHalfUp(sales.minor, key.months),
            currency: key.currency,
            months: key.months,
          },
        }),
      );
      const redeemed = await this.#projectKeys.record(tx, {
        key,
        customerId: c.id,
        salesPriceMinor: sales.minor,
        termStartsAt: outcome.effectiveAt,
        termEndsAt: outcome.termEndsAt ?? outcome.effectiveAt,
        redeemedBy: actor.email,
      });
      await this.#audit.record(tx, {
        actor,
        action: 'project-key.redeemed',
        objectType: 'customer',
        objectId: c.id,
        after: redeemed,
      });
      return { ...resultOf(outcome), customer: await this.#accounts.details(tx, customer) };
    });
  }

  /** `Cancel Active Subscription`: the status becomes inactive. */
  async cancelSubscription(actor: Actor, id: string, version: number): Promise<CustomerDetails> {
    return this.#db.transaction(async (tx) => {
      const c = await this.#accounts.lock(tx, id, version);
      if ((await this.#subscriptions.running(tx, c.id))?.paymentMethod === 'credit-card') {
        await this.#cards.cancel(tx, c.id);
      }
      const { customer } = await this.#changeSubscription(tx, actor, c, (t) =>
        this.#subscriptions.cancel(t, c.id),
      );
      return this.#accounts.details(tx, customer);
    });
  }

  /** The portal's subscription page: editable for self-service customers only. */
  async portalSubscription(customerId: string): Promise<PortalSubscription> {
    const c = await this.#accounts.find(this.#db, customerId);
    if (!c) throw notFound('The company');
    return this.#portalSubscription(this.#db, c);
  }

  /** A self-service customer changes its own subscription by the same rules as an admin. */
  async distributeOwnIps(
    actor: Actor,
    customerId: string,
    input: IpDistributionInput,
  ): Promise<PortalIpDistributionResult> {
    return this.#db.transaction(async (tx) => {
      const c = await this.#accounts.lock(tx, customerId);
      if (c.serviceMode !== 'self-service') {
        throw new AppError(
          'MANAGED_BY_PROVIDER',
          403,
          'Your provider manages this subscription. Ask them for changes.',
        );
      }
      assertVersion(c, input.version);
      const { outcome, customer } = await this.#distribute(tx, actor, c, input);
      return { ...resultOf(outcome), subscription: await this.#portalSubscription(tx, customer) };
    });
  }

  /**
   * Credit Card in the portal: the distribution is checked, then the customer is sent to Stripe Checkout
   * to pay for it. Nothing changes here until Stripe confirms the payment by webhook. Stripe is called between
   * the transaction that checks and the one that records, so no row is locked while Stripe answers; a change
   * of the customer in between wins (CONFLICT), and the unused session expires at Stripe.
   */
  async cardCheckout(actor: Actor, customerId: string, input: CardCheckoutRequest): Promise<{ url: string }> {
    const order = await this.#db.transaction(async (tx) => {
      const c = await this.#accounts.lock(tx, customerId);
      if (c.serviceMode !== 'self-service') {
        throw new AppError(
          'MANAGED_BY_PROVIDER',
          403,
          'Your provider manages this subscription. Ask them for changes.',
        );
      }
      assertVersion(c, input.version);
      await this.#paymentMethods.assertActive(tx, 'credit-card');
      if ((await this.#subscriptions.running(tx, c.id))?.paymentMethod === 'credit-card') {
        throw invalid('paymentMethod', 'Your card subscription runs already: change its IPs with Save.');
      }
      return { c, version: await this.#subscriptions.validate(tx, input) };
    });
    const checkout = await this.#cards.createCheckout(order.c, {
      internal: input.internal,
      external: input.external,
      version: order.version,
      billingAnchor: nextBillingMonthStart(this.#clock.now(), this.#config.billingTimeZone),
    });
    return this.#db.transaction(async (tx) => {
      const c = await this.#accounts.lock(tx, customerId, input.version);
      await this.#cards.recordCheckout(tx, c.id, checkout);
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

  /**
   * One Stripe event, after the webhook stored it. Each object is read back from Stripe before the
   * transaction begins (no row is locked while Stripe answers); the event id is marked processed in the same
   * transaction as its effect.
   */
  async handleStripeEvent(job: StripeEventJob): Promise<void> {
    const object = await this.#cards.readEventObject(job);
    await this.#db.transaction(async (tx) => {
      const system = null;
      switch (job.type) {
        case 'checkout.session.completed': {
          const paid = await this.#cards.checkoutOutcome(tx, object);
          if (!paid) break;
          const c = await this.#accounts.lock(tx, paid.customerId);
          const { customer } = await this.#changeSubscription(tx, system, c, (t) =>
            this.#subscriptions.change(t, c.id, {
              total: paid.quantity,
              internal: paid.internal,
              external: paid.external,
              instant: true,
              paymentMethod: 'credit-card',
            }),
          );
          if (customer.paymentFailedAt) await setPaymentFailedAt(tx, customer, null, this.#clock.now());
          break;
        }
        case 'invoice.paid':
        case 'invoice.payment_failed': {
          const invoice = await this.#cards.invoiceOutcome(tx, object);
          if (!invoice) break;
          const c = await this.#accounts.lock(tx, invoice.customerId);
          const paymentFailedAt = invoice.failed ? (c.paymentFailedAt ?? this.#clock.now()) : null;
          if (paymentFailedAt !== c.paymentFailedAt) {
            await setPaymentFailedAt(tx, c, paymentFailedAt, this.#clock.now());
            await this.#audit.record(tx, {
              actor: system,
              action: invoice.failed ? 'payment.failed' : 'payment.succeeded',
              objectType: 'customer',
              objectId: c.id,
              after: { invoice: job.objectId },
            });
          }
          break;
        }
        case 'customer.subscription.updated':
        case 'customer.subscription.deleted': {
          const state = await this.#cards.subscriptionOutcome(tx, object);
          if (!state?.ended) break;
          const c = await this.#accounts.lock(tx, state.customerId);
          if ((await this.#subscriptions.running(tx, c.id))?.paymentMethod === 'credit-card') {
            await this.#changeSubscription(tx, system, c, (t) => this.#subscriptions.cancel(t, c.id));
          }
          break;
        }
      }
      await this.#cards.markProcessed(tx, job.eventId);
    });
  }

  /**
   * An IP distribution on a locked customer, by an admin or the customer: a new subscription needs an
   * active Invoice method, the change is mirrored and audited, and a card subscription follows at Stripe.
   */
  async #distribute(tx: Tx, actor: Actor, c: Record, input: IpDistributionInput) {
    await this.#assertCanStart(tx, c.id);
    const changed = await this.#changeSubscription(tx, actor, c, (t) =>
      this.#subscriptions.change(t, c.id, input),
    );
    await this.#syncCard(tx, changed.customer, changed.outcome, input.total);
    return changed;
  }

  /** A change of a card subscription is queued for Stripe with the change, and reaches it after commit. */
  async #syncCard(tx: Tx, customer: Record, outcome: ChangeOutcome, total: number): Promise<void> {
    if (outcome.running?.paymentMethod !== 'credit-card' || outcome.kind === 'redistribution') return;
    await this.#cards.syncQuantity(tx, customer, {
      total,
      applied: outcome.applied,
      version: await this.#prices.latest(tx),
    });
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

  async #portalSubscription(executor: Executor, c: Record): Promise<PortalSubscription> {
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

  /** Runs a subscription change on a locked customer, mirrors it into the list columns, and audits it. */
  async #changeSubscription(
    tx: Tx,
    actor: Actor | null,
    c: Record,
    change: (tx: Tx) => Promise<ChangeOutcome>,
  ): Promise<{ outcome: ChangeOutcome; customer: Record }> {
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

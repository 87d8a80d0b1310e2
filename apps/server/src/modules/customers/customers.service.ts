import type {
  AcceptInvitationRequest,
  CardCheckoutRequest,
  CreateCustomerInput,
  CustomerAction,
  CustomerDetails,
  CustomerExportRecord,
  CustomerFilter,
  CustomerListQuery,
  CustomerPage,
  CustomerRow,
  EditAddressInput,
  InvitationInfo,
  IpDistributionInput,
  IpDistributionResult,
  PortalCompany,
  PortalIpDistributionResult,
  PortalSubscription,
  RedeemProjectKeyRequest,
  SignUpInput,
} from '@vmsp/contracts';
import {
  checkCompanyVatId,
  customerActions,
  divideHalfUp,
  isCountryCode,
  nextBillingMonthStart,
  normalizeVatId,
  parseMoney,
} from '@vmsp/domain';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database, Executor, Tx } from '../../db/connection.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import type { Clock } from '../../lib/clock.ts';
import { hashPassword } from '../../lib/passwords.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { AuthService, SignedIn } from '../auth/auth.service.ts';
import type { MailService } from '../mail/mail.service.ts';
import type { CardPaymentsService, StripeEventJob } from '../payments/card-payments.service.ts';
import type { PaymentMethodsService } from '../payments/payment-methods.service.ts';
import { moneyMessages, type PricesService } from '../prices/prices.service.ts';
import type { ProjectKeysService } from '../project-keys/project-keys.service.ts';
import type { SelfServiceService } from '../self-service/self-service.service.ts';
import type {
  ChangeOutcome,
  PeriodRecord,
  SubscriptionsService,
} from '../subscriptions/subscriptions.service.ts';
import {
  assertAcceptablePassword,
  linkNoLongerValid,
  type UserRow,
  type UsersService,
} from '../users/users.service.ts';
import { assertVersion, type CustomerPatch, lockCustomer, writeCustomer } from './customer-record.ts';
import * as repo from './customers.repository.ts';

type Record = repo.CustomerRecord;

const EXPORT_BATCH = 5000;
/** Month-end batch size: large enough to amortise round trips, small enough to keep each transaction short. */
const MONTH_END_BATCH = 5000;

/** The list columns of a customer that mirror its running subscription period (Free and 0/0 without one). */
function subscriptionColumns(running: PeriodRecord | undefined) {
  return running
    ? {
        ipsInternal: running.ipsInternal,
        ipsExternal: running.ipsExternal,
        paymentMethod: running.paymentMethod,
        monthlyPriceMinor: running.monthlyPriceMinor,
        currency: running.currency,
      }
    : { ipsInternal: 0, ipsExternal: 0, paymentMethod: 'free' as const, monthlyPriceMinor: null };
}

function toRow(c: Record): CustomerRow {
  const total = c.ipsInternal + c.ipsExternal;
  return {
    id: c.id,
    companyName: c.companyName,
    contactEmail: c.contactEmail,
    serviceMode: c.serviceMode,
    status: c.status,
    ipsInternal: c.ipsInternal,
    ipsExternal: c.ipsExternal,
    paymentMethod: c.paymentMethod,
    monthlyPrice:
      c.monthlyPriceMinor === null ? null : { amountMinor: c.monthlyPriceMinor, currency: c.currency },
    averageIpPrice:
      c.monthlyPriceMinor === null || total === 0
        ? null
        : { numeratorMinor: c.monthlyPriceMinor, denominator: total, currency: c.currency },
    actions: customerActions(c),
    paymentFailed: c.paymentFailedAt !== null,
    version: c.version,
  };
}

/** One customer in the export: every column of the list plus id, contact, address, created date and subscription. */
function toExportRecord(c: repo.ExportRow): CustomerExportRecord {
  const total = c.ipsInternal + c.ipsExternal;
  const monthlyPrice =
    c.monthlyPriceMinor === null ? null : { amountMinor: c.monthlyPriceMinor, currency: c.currency };
  return {
    id: c.id,
    companyName: c.companyName,
    contactName: c.contactName,
    contactEmail: c.contactEmail,
    serviceMode: c.serviceMode,
    status: c.status,
    ipsInternal: c.ipsInternal,
    ipsExternal: c.ipsExternal,
    paymentMethod: c.paymentMethod,
    monthlyPrice,
    averageIpPrice:
      c.monthlyPriceMinor === null || total === 0
        ? null
        : { numeratorMinor: c.monthlyPriceMinor, denominator: total, currency: c.currency },
    address: addressOf(c),
    vatId: c.vatId,
    billingAddress: c.billingAddress,
    createdAt: c.createdAt.toISOString(),
    subscription:
      total === 0
        ? null
        : {
            ipsInternal: c.ipsInternal,
            ipsExternal: c.ipsExternal,
            paymentMethod: c.paymentMethod,
            monthlyPrice,
          },
  };
}

const addressOf = (c: Pick<Record, 'street' | 'postalCode' | 'city' | 'country'>) => ({
  street: c.street,
  postalCode: c.postalCode,
  city: c.city,
  country: c.country,
});

/** What the audit log keeps of a customer before and after a change. */
const auditView = (c: Record) => ({
  companyName: c.companyName,
  contactName: c.contactName,
  contactEmail: c.contactEmail,
  address: addressOf(c),
  vatId: c.vatId,
  billingAddress: c.billingAddress,
  serviceMode: c.serviceMode,
  status: c.status,
  locked: c.locked,
});

const vatMessages = {
  required: ['VAT_ID_REQUIRED', 'A VAT-ID is required for companies outside Germany.'],
  format: ['VAT_ID_INVALID', "This is not a valid VAT-ID for the address's country."],
  checksum: ['VAT_ID_INVALID', 'This VAT-ID has a wrong check digit.'],
  'prefix-mismatch': [
    'VAT_ID_COUNTRY_MISMATCH',
    "The VAT-ID's country prefix does not match the address's country.",
  ],
} as const;

/**
 * Applies R-3.7's rule to an address's country and VAT-ID; returns the normalized VAT-ID or throws a field
 * error naming `<prefix>.country` or `vatId`.
 */
function acceptedVatId(country: string, vatId: string | null, addressField = 'address'): string | null {
  if (!isCountryCode(country)) throw invalid(`${addressField}.country`, 'Choose a country from the list.');
  const problem = checkCompanyVatId({ country, vatId });
  if (problem) {
    const [code, message] = vatMessages[problem.reason];
    throw invalid('vatId', message, code);
  }
  return vatId ? normalizeVatId(vatId) : null;
}

const resultOf = (o: ChangeOutcome) => ({
  kind: o.kind,
  applied: o.applied,
  effectiveAt: o.effectiveAt.toISOString(),
});

/** The columns an address change writes, after the rules of R-3.7 (VAT-ID by country, known countries). */
function addressPatch(input: EditAddressInput) {
  const vatId = acceptedVatId(input.address.country, input.vatId);
  if (input.billingAddress && !isCountryCode(input.billingAddress.country)) {
    throw invalid('billingAddress.country', 'Choose a country from the list.');
  }
  return { ...input.address, vatId, billingAddress: input.billingAddress };
}

const notApplicable = (action: CustomerAction) =>
  new AppError('ACTION_NOT_APPLICABLE', 409, `“${action}” does not apply to this customer.`);

export class CustomersService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #config: Pick<Config, 'publicUrl' | 'invitationTtlDays' | 'billingTimeZone'>;
  readonly #users: UsersService;
  readonly #auth: AuthService;
  readonly #audit: AuditService;
  readonly #mail: MailService;
  readonly #selfService: SelfServiceService;
  readonly #subscriptions: SubscriptionsService;
  readonly #prices: PricesService;
  readonly #paymentMethods: PaymentMethodsService;
  readonly #projectKeys: ProjectKeysService;
  readonly #cards: CardPaymentsService;

  constructor(deps: {
    db: Database;
    clock: Clock;
    config: Pick<Config, 'publicUrl' | 'invitationTtlDays' | 'billingTimeZone'>;
    users: UsersService;
    auth: AuthService;
    audit: AuditService;
    mail: MailService;
    selfService: SelfServiceService;
    subscriptions: SubscriptionsService;
    prices: PricesService;
    paymentMethods: PaymentMethodsService;
    projectKeys: ProjectKeysService;
    cards: CardPaymentsService;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#config = deps.config;
    this.#users = deps.users;
    this.#auth = deps.auth;
    this.#audit = deps.audit;
    this.#mail = deps.mail;
    this.#selfService = deps.selfService;
    this.#subscriptions = deps.subscriptions;
    this.#prices = deps.prices;
    this.#paymentMethods = deps.paymentMethods;
    this.#projectKeys = deps.projectKeys;
    this.#cards = deps.cards;
  }

  async list(query: CustomerListQuery): Promise<CustomerPage> {
    const { rows, total, totalIsLowerBound } = await repo.listCustomers(
      this.#db,
      query,
      { sort: query.sort, dir: query.dir },
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    );
    return { items: rows.map(toRow), total, totalIsLowerBound, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Every customer the filter selects, batch by batch: memory does not grow with their number. The
   * next batch is already being read while the current one is serialised.
   */
  async *export(filter: CustomerFilter): AsyncGenerator<CustomerExportRecord[]> {
    const next = (after: { name: string; id: string } | null) =>
      repo.exportBatch(this.#db, filter, after, EXPORT_BATCH);
    let pending: Promise<repo.ExportRow[]> | null = next(null);
    while (pending) {
      const batch: repo.ExportRow[] = await pending;
      const last = batch.at(-1);
      pending =
        last && batch.length === EXPORT_BATCH
          ? next({ name: last.companyName.toLowerCase(), id: last.id })
          : null;
      if (batch.length) yield batch.map(toExportRecord);
    }
  }

  async recordExport(actor: Actor, filter: CustomerFilter): Promise<void> {
    await this.#audit.record(this.#db, {
      actor,
      action: 'customers.exported',
      objectType: 'customer',
      objectId: null,
      after: { filter },
    });
  }

  async details(id: string): Promise<CustomerDetails> {
    const c = await repo.findCustomer(this.#db, id);
    if (!c) throw notFound('The customer');
    return this.#details(this.#db, c);
  }

  async #details(executor: Executor, c: Record): Promise<CustomerDetails> {
    const users = await this.#users.listOfCustomer(executor, c.id);
    const subscriptions = await this.#subscriptions.overview(executor, c.id);
    const projectKeys = await this.#projectKeys.redeemedBy(executor, c.id);
    const cardBilling = await this.#cards.view(executor, c.id);
    return {
      ...toRow(c),
      contactName: c.contactName,
      address: addressOf(c),
      vatId: c.vatId,
      billingAddress: c.billingAddress,
      locked: c.locked,
      createdAt: c.createdAt.toISOString(),
      registeredAt: c.registeredAt?.toISOString() ?? null,
      purgeAt: c.purgeAt?.toISOString() ?? null,
      users: users.map((u) => ({
        id: u.id,
        email: u.email,
        status: u.status,
        isMainUser: u.id === c.mainUserId,
      })),
      subscriptions,
      projectKeys,
      cardBilling,
    };
  }

  /**
   * creates the customer, its main user (invited) and the invitation mail in one transaction. Refused
   * before anything is written when no mail transport is configured.
   */
  async create(actor: Actor, input: CreateCustomerInput): Promise<CustomerDetails> {
    return this.#db.transaction(async (tx) => {
      if (!(await this.#mail.isConfigured(tx))) {
        throw new AppError(
          'MAIL_NOT_CONFIGURED',
          409,
          'Invitations cannot be sent: no mail server is configured. Set one up in Settings → Mail Server.',
        );
      }
      await this.#users.assertEmailFree(tx, input.contactEmail, 'contactEmail');
      if (input.serviceMode === 'self-service' && !(await this.#selfService.isRegistrationOpen(tx))) {
        throw invalid(
          'serviceMode',
          'Self-Service customers need self-service to be enabled (Billing → Self-Service).',
          'SELF_SERVICE_DISABLED',
        );
      }
      const { customer, user } = await this.#insertWithMainUser(tx, {
        ...input,
        email: input.contactEmail,
        vatId: acceptedVatId(input.address.country, input.vatId),
        passwordHash: null,
      });
      await this.#sendInvitation(tx, customer, user.id, input.locale);
      await this.#audit.record(tx, {
        actor,
        action: 'customer.created',
        objectType: 'customer',
        objectId: customer.id,
        after: auditView(customer),
      });
      return this.#details(tx, customer);
    });
  }

  /** a new link for an invited customer; the old link dies. */
  async resendInvitation(actor: Actor, id: string): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const c = await lockCustomer(tx, id);
      if (!toRow(c).actions.includes('resend-invitation') || !c.mainUserId)
        throw notApplicable('resend-invitation');
      const mainUser = await this.#users.findById(tx, c.mainUserId);
      await this.#sendInvitation(tx, c, c.mainUserId, mainUser?.locale ?? 'en');
      await this.#audit.record(tx, {
        actor,
        action: 'customer.invitation-resent',
        objectType: 'customer',
        objectId: c.id,
        after: { to: c.contactEmail },
      });
    });
  }

  /** self-service → managed, irreversibly. There is deliberately no way back. */
  async convertToManaged(actor: Actor, id: string, expectedVersion?: number): Promise<CustomerDetails> {
    return this.#change(actor, id, expectedVersion, 'customer.converted-to-managed', async (tx, c) => {
      if (!toRow(c).actions.includes('convert-to-managed')) throw notApplicable('convert-to-managed');
      return this.#update(tx, c, { serviceMode: 'managed' });
    });
  }

  /** locking ends every session of the customer's users at once; the subscription is untouched. */
  async setLocked(
    actor: Actor,
    id: string,
    locked: boolean,
    expectedVersion?: number,
  ): Promise<CustomerDetails> {
    return this.#change(
      actor,
      id,
      expectedVersion,
      locked ? 'customer.locked' : 'customer.unlocked',
      async (tx, c) => {
        const updated = await this.#update(tx, c, { locked });
        if (locked)
          for (const u of await this.#users.listOfCustomer(tx, c.id)) await this.#auth.revokeAll(tx, u.id);
        return updated;
      },
    );
  }

  /** R-3.7: managed customers' address, VAT-ID and optional billing address. */
  async editAddress(
    actor: Actor,
    id: string,
    input: EditAddressInput,
    expectedVersion?: number,
  ): Promise<CustomerDetails> {
    return this.#change(actor, id, expectedVersion, 'customer.address-changed', async (tx, c) => {
      if (!toRow(c).actions.includes('edit-address')) throw notApplicable('edit-address');
      return this.#update(tx, c, addressPatch(input));
    });
  }

  /** a self-service customer keeps its own company address and VAT-ID, by the rules of. */
  async editOwnCompany(actor: Actor, customerId: string, input: EditAddressInput): Promise<PortalCompany> {
    await this.#db.transaction(async (tx) => {
      const c = await lockCustomer(tx, customerId);
      if (c.serviceMode !== 'self-service') {
        throw new AppError(
          'MANAGED_BY_PROVIDER',
          403,
          'Your provider keeps your company data. Ask them for changes.',
        );
      }
      const updated = await this.#update(tx, c, addressPatch(input));
      await this.#audit.record(tx, {
        actor,
        action: 'customer.address-changed',
        objectType: 'customer',
        objectId: c.id,
        before: auditView(c),
        after: auditView(updated),
      });
    });
    return this.portalCompany(customerId);
  }

  /**
   * `Change Main User`: only an active user of the customer. The contact e-mail of the list follows. The
   * row lock makes the swap atomic: a customer never has zero or two main users.
   */
  async changeMainUser(actor: Actor, id: string, userId: string, version: number): Promise<CustomerDetails> {
    return this.#change(actor, id, version, 'customer.main-user-changed', async (tx, c) => {
      if (!toRow(c).actions.includes('change-main-user')) throw notApplicable('change-main-user');
      const user = await this.#users.findById(tx, userId);
      if (!user || user.customerId !== c.id || user.status !== 'active') {
        throw invalid(
          'userId',
          'Only an active user of this customer can become the main user: invited and disabled users cannot.',
          'MAIN_USER_NOT_ACTIVE',
        );
      }
      return this.#update(tx, c, { mainUserId: user.id, contactEmail: user.email });
    });
  }

  async invitationInfo(token: string): Promise<InvitationInfo> {
    const row = await this.#users.findUsableToken(this.#db, token, { lock: false });
    const user =
      row?.purpose === 'customer-invite' && row.userId
        ? await this.#users.findById(this.#db, row.userId)
        : undefined;
    const customer = user?.customerId ? await repo.findCustomer(this.#db, user.customerId) : undefined;
    if (!user || !customer || user.status !== 'invited') throw linkNoLongerValid();
    return { email: user.email, companyName: customer.companyName };
  }

  /** The contact chooses a password through the invitation link, is registered and signed in. Single-use. */
  async acceptInvitation(
    input: AcceptInvitationRequest,
    meta: { ip: string; userAgent: string | null },
  ): Promise<SignedIn> {
    return this.#db.transaction(async (tx) => {
      const row = await this.#users.findUsableToken(tx, input.token, { lock: true });
      const user =
        row?.purpose === 'customer-invite' && row.userId
          ? await this.#users.findById(tx, row.userId)
          : undefined;
      if (!user?.customerId || user.status !== 'invited') throw linkNoLongerValid();
      const c = await lockCustomer(tx, user.customerId);
      assertAcceptablePassword(input.password, input.passwordConfirmation, [
        user.email,
        c.companyName,
        c.contactName,
      ]);
      return this.#register(
        tx,
        { user, customer: c, token: input.token, meta, action: 'customer.registered' },
        {
          passwordHash: await hashPassword(input.password),
        },
      );
    });
  }

  /**
   * a visitor registers a self-service customer. The account exists at once but cannot sign in until
   * the e-mail address is confirmed through the mailed link. Refused while registration is closed.
   */
  async signUp(input: SignUpInput): Promise<void> {
    await this.#db.transaction(async (tx) => {
      if (!(await this.#selfService.isRegistrationOpen(tx))) {
        throw new AppError(
          'REGISTRATION_CLOSED',
          403,
          'Registration is closed. Ask your provider for an account.',
        );
      }
      await this.#users.assertEmailFree(tx, input.email, 'email');
      const vatId = acceptedVatId(input.address.country, input.vatId);
      assertAcceptablePassword(input.password, input.passwordConfirmation, [
        input.email,
        input.companyName,
        input.contactName,
      ]);
      const { customer, user } = await this.#insertWithMainUser(tx, {
        ...input,
        serviceMode: 'self-service',
        vatId,
        passwordHash: await hashPassword(input.password),
      });
      const { token, expiresAt } = await this.#users.issueToken(
        tx,
        'email-verify',
        user.id,
        this.#config.invitationTtlDays * 86_400_000,
      );
      await this.#mail.enqueue(tx, {
        to: input.email,
        locale: input.locale,
        template: 'email-verification',
        params: {
          verifyUrl: `${this.#config.publicUrl}/verify-email?token=${encodeURIComponent(token)}`,
          companyName: customer.companyName,
          contactName: customer.contactName,
          expiresAt: expiresAt.toISOString(),
        },
      });
      await this.#audit.record(tx, {
        actor: { id: user.id, email: user.email },
        action: 'customer.signed-up',
        objectType: 'customer',
        objectId: customer.id,
        after: auditView(customer),
      });
    });
  }

  /** The mailed verification link: the user becomes active, the customer registered, and is signed in. */
  async verifyEmail(token: string, meta: { ip: string; userAgent: string | null }): Promise<SignedIn> {
    return this.#db.transaction(async (tx) => {
      const row = await this.#users.findUsableToken(tx, token, { lock: true });
      const user =
        row?.purpose === 'email-verify' && row.userId
          ? await this.#users.findById(tx, row.userId)
          : undefined;
      if (!user?.customerId || user.status !== 'invited') throw linkNoLongerValid();
      const c = await lockCustomer(tx, user.customerId);
      return this.#register(tx, { user, customer: c, token, meta, action: 'customer.email-verified' });
    });
  }

  /** `IP Distribution` by an admin, on any customer not being deleted. */
  async distributeIps(actor: Actor, id: string, input: IpDistributionInput): Promise<IpDistributionResult> {
    return this.#db.transaction(async (tx) => {
      const c = await lockCustomer(tx, id);
      assertVersion(c, input.version);
      if (!toRow(c).actions.includes('ip-distribution')) throw notApplicable('ip-distribution');
      const { outcome, customer } = await this.#distribute(tx, actor, c, input);
      return { ...resultOf(outcome), customer: await this.#details(tx, customer) };
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
      const c = await lockCustomer(tx, id);
      assertVersion(c, input.version);
      if (!toRow(c).actions.includes('add-project-key')) throw notApplicable('add-project-key');
      await this.#paymentMethods.assertActive(tx, 'project-key');
      const key = await this.#projectKeys.verify(tx, input.key);
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
      return { ...resultOf(outcome), customer: await this.#details(tx, customer) };
    });
  }

  /** `Cancel Active Subscription`: the status becomes inactive. */
  async cancelSubscription(actor: Actor, id: string, version: number): Promise<CustomerDetails> {
    return this.#db.transaction(async (tx) => {
      const c = await lockCustomer(tx, id);
      assertVersion(c, version);
      if ((await this.#subscriptions.running(tx, c.id))?.paymentMethod === 'credit-card') {
        await this.#cards.cancel(tx, c.id);
      }
      const { customer } = await this.#changeSubscription(tx, actor, c, (t) =>
        this.#subscriptions.cancel(t, c.id),
      );
      return this.#details(tx, customer);
    });
  }

  /** The portal's subscription page: editable for self-service customers only. */
  async portalSubscription(customerId: string): Promise<PortalSubscription> {
    const c = await repo.findCustomer(this.#db, customerId);
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
      const c = await lockCustomer(tx, customerId);
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
   * The month end (R-3.4, R-4.1): applies every pending change that is due and moves running subscriptions to
   * the price version that applies to them, batch by batch, each batch one transaction that also updates the
   * customers' list columns. Safe to run at any time, repeatedly and on several instances at once: a change
   * is deleted in the transaction that applies it, and a period is moved only while its version is older.
   */
  async applyDueSubscriptionChanges(): Promise<{
    expired: number;
    applied: number;
    repriced: number;
    reminded: number;
  }> {
    const now = this.#clock.now();
    const run = async (batch: (tx: Tx) => Promise<string[]>) => {
      let done = 0;
      for (;;) {
        const ids = await this.#db.transaction(async (tx) => {
          const changed = await batch(tx);
          await repo.mirrorRunningSubscriptions(tx, changed, now);
          return changed;
        });
        done += ids.length;
        if (ids.length < MONTH_END_BATCH) return done;
      }
    };
    const expired = await run((tx) => this.#subscriptions.expireBatch(tx, now, MONTH_END_BATCH));
    const applied = await run((tx) => this.#subscriptions.applyDueBatch(tx, now, MONTH_END_BATCH));
    const repriced = await run((tx) => this.#subscriptions.repriceBatch(tx, now, MONTH_END_BATCH));
    const reminded = await this.#projectKeys.remindTermEndings(
      async (tx, customerId) => (await repo.findCustomer(tx, customerId))?.companyName ?? customerId,
    );
    return { expired, applied, repriced, reminded };
  }

  /**
   * Credit Card in the portal: the distribution is checked, then the customer is sent to Stripe Checkout
   * to pay for it. Nothing changes here until Stripe confirms the payment by webhook.
   */
  async cardCheckout(actor: Actor, customerId: string, input: CardCheckoutRequest): Promise<{ url: string }> {
    return this.#db.transaction(async (tx) => {
      const c = await lockCustomer(tx, customerId);
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
      const version = await this.#subscriptions.validate(tx, input);
      const url = await this.#cards.startCheckout(tx, c, {
        internal: input.internal,
        external: input.external,
        version,
        billingAnchor: nextBillingMonthStart(this.#clock.now(), this.#config.billingTimeZone),
      });
      await this.#audit.record(tx, {
        actor,
        action: 'subscription.card-checkout-started',
        objectType: 'customer',
        objectId: c.id,
        after: { ipsInternal: input.internal, ipsExternal: input.external },
      });
      return { url };
    });
  }

  /**
   * One Stripe event, after the webhook stored it. Each object is read back from Stripe; the event id is
   * marked processed in the same transaction as its effect.
   */
  async handleStripeEvent(job: StripeEventJob): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const system = null;
      switch (job.type) {
        case 'checkout.session.completed': {
          const paid = await this.#cards.checkoutOutcome(tx, job.objectId);
          if (!paid) break;
          const c = await lockCustomer(tx, paid.customerId);
          const { customer } = await this.#changeSubscription(tx, system, c, (t) =>
            this.#subscriptions.change(t, c.id, {
              total: paid.quantity,
              internal: paid.internal,
              external: paid.external,
              instant: true,
              paymentMethod: 'credit-card',
            }),
          );
          if (customer.paymentFailedAt) await this.#update(tx, customer, { paymentFailedAt: null });
          break;
        }
        case 'invoice.paid':
        case 'invoice.payment_failed': {
          const invoice = await this.#cards.invoiceOutcome(tx, job.objectId);
          if (!invoice) break;
          const c = await lockCustomer(tx, invoice.customerId);
          const paymentFailedAt = invoice.failed ? (c.paymentFailedAt ?? this.#clock.now()) : null;
          if (paymentFailedAt !== c.paymentFailedAt) {
            await this.#update(tx, c, { paymentFailedAt });
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
          const state = await this.#cards.subscriptionOutcome(tx, job.objectId);
          if (!state?.ended) break;
          const c = await lockCustomer(tx, state.customerId);
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

  /** A change of a card subscription reaches Stripe in the same transaction: if Stripe refuses, ours rolls back. */
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
      cardBilling: await this.#cards.view(executor, c.id),
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
    const customer = await this.#update(tx, c, subscriptionColumns(outcome.running));
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

  async portalCompany(customerId: string): Promise<PortalCompany> {
    const c = await repo.findCustomer(this.#db, customerId);
    if (!c) throw notFound('The company');
    return {
      companyName: c.companyName,
      contactName: c.contactName,
      contactEmail: c.contactEmail,
      serviceMode: c.serviceMode,
      address: addressOf(c),
      vatId: c.vatId,
      billingAddress: c.billingAddress,
    };
  }

  /** Runs one admin change on a locked row, checks the optimistic version, and audits before/after. */
  async #change(
    actor: Actor,
    id: string,
    expectedVersion: number | undefined,
    action: string,
    apply: (tx: Tx, c: Record) => Promise<Record>,
  ): Promise<CustomerDetails> {
    return this.#db.transaction(async (tx) => {
      const c = await lockCustomer(tx, id);
      if (expectedVersion !== undefined) assertVersion(c, expectedVersion);
      const updated = await apply(tx, c);
      await this.#audit.record(tx, {
        actor,
        action,
        objectType: 'customer',
        objectId: c.id,
        before: auditView(c),
        after: auditView(updated),
      });
      return this.#details(tx, updated);
    });
  }

  /**
   * Inserts a customer (status invited) with its main user, who has not confirmed anything yet: an invited
   * contact chooses the password later, a self-registered one has chosen it and confirms the e-mail.
   */
  async #insertWithMainUser(
    tx: Tx,
    input: {
      companyName: string;
      address: CustomerDetails['address'];
      vatId: string | null;
      contactName: string;
      email: string;
      serviceMode: Record['serviceMode'];
      locale: 'en' | 'de';
      passwordHash: string | null;
    },
  ): Promise<{ customer: Record; user: UserRow }> {
    const now = this.#clock.now();
    const inserted = await repo.insertCustomer(tx, {
      companyName: input.companyName,
      ...input.address,
      vatId: input.vatId,
      contactName: input.contactName,
      contactEmail: input.email,
      serviceMode: input.serviceMode,
      status: 'invited',
      createdAt: now,
      updatedAt: now,
    });
    const user = await this.#users.create(tx, {
      email: input.email,
      role: 'customer',
      status: 'invited',
      locale: input.locale,
      customerId: inserted.id,
      passwordHash: input.passwordHash,
    });
    return { customer: await this.#update(tx, inserted, { mainUserId: user.id }), user };
  }

  /**
   * The last step of an invitation or a sign-up: the main user becomes active, the customer registered, the
   * link used; audited and signed in. Both links lead here, so both register a customer the same way.
   */
  async #register(
    tx: Tx,
    step: {
      user: UserRow;
      customer: Record;
      token: string;
      meta: { ip: string; userAgent: string | null };
      action: string;
    },
    userPatch: { passwordHash?: string } = {},
  ): Promise<SignedIn> {
    const { user, customer: c, meta } = step;
    const active = await this.#users.update(tx, user.id, { status: 'active', ...userPatch });
    const registered = await this.#update(tx, c, { registeredAt: c.registeredAt ?? this.#clock.now() });
    await this.#users.markTokenUsed(tx, step.token);
    await this.#audit.record(tx, {
      actor: { id: user.id, email: user.email, ip: meta.ip },
      action: step.action,
      objectType: 'customer',
      objectId: c.id,
      before: { status: c.status },
      after: { status: registered.status },
    });
    if (!active) throw linkNoLongerValid();
    return this.#auth.openSession(tx, active, meta);
  }

  #update(tx: Tx, c: Record, patch: CustomerPatch): Promise<Record> {
    return writeCustomer(tx, c, patch, this.#clock.now());
  }

  async #sendInvitation(tx: Tx, c: Record, userId: string, locale: 'en' | 'de'): Promise<void> {
    const { token, expiresAt } = await this.#users.issueToken(
      tx,
      'customer-invite',
      userId,
      this.#config.invitationTtlDays * 86_400_000,
    );
    await this.#mail.enqueue(tx, {
      to: c.contactEmail,
      locale,
      template: 'customer-invite',
      params: {
        inviteUrl: `${this.#config.publicUrl}/invitation?token=${encodeURIComponent(token)}`,
        companyName: c.companyName,
        contactName: c.contactName,
        expiresAt: expiresAt.toISOString(),
      },
    });
  }
}

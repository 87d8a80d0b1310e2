import type {
  AcceptInvitationRequest,
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
  PortalCompany,
  SignUpInput,
} from '@vmsp/contracts';
import { checkCompanyVatId, customerActions, isCountryCode, normalizeVatId } from '@vmsp/domain';
import type { Config } from '../../config.ts';
import type { Database, Executor, Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, invalid, notFound } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { assertVersion } from '../../lib/versions.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { AuthService, SignedIn } from '../auth/auth.service.ts';
import type { CardPaymentsService } from '../billing/card-payments.service.ts';
import type { SubscriptionsService } from '../billing/subscriptions.service.ts';
import type { MailService } from '../mail/mail.service.ts';
import type { ProjectKeysService } from '../project-keys/project-keys.service.ts';
import type { SelfServiceService } from '../self-service/self-service.service.ts';
import { assertAcceptablePassword, type UserRow, type UsersService } from '../users/users.service.ts';
import { type CustomerPatch, lockCustomer, writeCustomer } from './customer-record.ts';
import * as repo from './customers.repository.ts';
import { InvitationAcceptance } from './invitation-acceptance.ts';

type Record = repo.CustomerRecord;

const EXPORT_BATCH = 5000;

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
  readonly #projectKeys: ProjectKeysService;
  readonly #cards: CardPaymentsService;
  readonly #invitations: InvitationAcceptance;

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
    this.#projectKeys = deps.projectKeys;
    this.#cards = deps.cards;
    this.#invitations = new InvitationAcceptance(deps);
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
    return this.detailsIn(this.#db, c);
  }

  /** The details of a customer read in the caller's transaction. */
  async detailsIn(executor: Executor, c: Record): Promise<CustomerDetails> {
    const users = await this.#users.listOfCustomer(executor, c.id);
    const subscriptions = await this.#subscriptions.overview(executor, c.id);
    const projectKeys = await this.#projectKeys.redeemedBy(executor, c.id);
    const cardBilling = await this.#cards.view(executor, c);
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
      return this.detailsIn(tx, customer);
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

  /** What a contact's invitation link is for, as its page shows it. */
  async invitationInfo(token: string): Promise<InvitationInfo> {
    return this.#invitations.info('customer-invite', token);
  }

  /** The contact chooses a password through the invitation link, is registered and signed in. Single-use. */
  async acceptInvitation(
    input: AcceptInvitationRequest,
    meta: { ip: string; userAgent: string | null },
  ): Promise<SignedIn> {
    return this.#invitations.accept('customer-invite', input.token, meta, {
      password: { password: input.password, confirmation: input.passwordConfirmation },
      join: (tx, { customer }) => this.#register(tx, customer, 'customer.registered'),
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
    return this.#invitations.accept('email-verify', token, meta, {
      join: (tx, { customer }) => this.#register(tx, customer, 'customer.email-verified'),
    });
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
      return this.detailsIn(tx, updated);
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
   * The last step of an invitation or a sign-up, once the main user is active: the customer is registered.
   * Both links lead here, so both register a customer the same way.
   */
  async #register(tx: Tx, c: Record, action: string) {
    const registered = await this.#update(tx, c, { registeredAt: c.registeredAt ?? this.#clock.now() });
    return { action, before: { status: c.status }, after: { status: registered.status } };
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

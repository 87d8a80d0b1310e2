import type {
  AcceptInvitationRequest,
  CreateCustomerInput,
  CustomerDetails,
  InvitationInfo,
  SignUpInput,
} from '@vmsp/contracts';
import { customerActions } from '@vmsp/domain';
import type { Database } from '../../db/connection.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/passwords.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { SignedIn } from '../auth/auth.service.ts';
import { assertAcceptablePassword, type UsersService } from '../users/users.service.ts';
import { acceptedVatId } from './customer-address.ts';
import { notApplicable } from './customer-changes.ts';
import type { CustomerDetailsService } from './customer-details.service.ts';
import type { CustomerOpening } from './customer-opening.ts';
import { lockCustomer } from './customer-record.ts';
import { auditView } from './customer-views.ts';
import type { InvitationAcceptance } from './invitation-acceptance.ts';

/**
 * How a customer comes in: created and invited by an admin, or signed up by a visitor
 * and the links that make its main user active.
 */
export class CustomerOnboardingService {
  readonly #db: Database;
  readonly #audit: AuditService;
  readonly #users: UsersService;
  readonly #opening: CustomerOpening;
  readonly #invitations: InvitationAcceptance;
  readonly #details: CustomerDetailsService;

  constructor(deps: {
    db: Database;
    audit: AuditService;
    users: UsersService;
    opening: CustomerOpening;
    invitations: InvitationAcceptance;
    details: CustomerDetailsService;
  }) {
    this.#db = deps.db;
    this.#audit = deps.audit;
    this.#users = deps.users;
    this.#opening = deps.opening;
    this.#invitations = deps.invitations;
    this.#details = deps.details;
  }

  /**
   * creates the customer, its main user (invited) and the invitation mail in one transaction. Refused
   * before anything is written when no mail transport is configured.
   */
  async create(actor: Actor, input: CreateCustomerInput): Promise<CustomerDetails> {
    return this.#db.transaction(async (tx) => {
      await this.#opening.assertMailConfigured(tx);
      await this.#opening.assertEmailFree(tx, input.contactEmail, 'contactEmail');
      if (input.serviceMode === 'self-service' && !(await this.#opening.isRegistrationOpen(tx))) {
        throw invalid(
          'serviceMode',
          'Self-Service customers need self-service to be enabled (Billing → Self-Service).',
          'SELF_SERVICE_DISABLED',
        );
      }
      const { customer, user } = await this.#opening.insertWithMainUser(tx, {
        ...input,
        email: input.contactEmail,
        vatId: acceptedVatId(input.address.country, input.vatId),
        passwordHash: null,
      });
      await this.#opening.mailInvitation(tx, customer, user.id, input.locale);
      await this.#audit.record(tx, {
        actor,
        action: 'customer.created',
        objectType: 'customer',
        objectId: customer.id,
        after: auditView(customer),
      });
      return this.#details.detailsIn(tx, customer);
    });
  }

  /** a new link for an invited customer; the old link dies. */
  async resendInvitation(actor: Actor, id: string): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const c = await lockCustomer(tx, id);
      if (!customerActions(c).includes('resend-invitation') || !c.mainUserId)
        throw notApplicable('resend-invitation');
      const mainUser = await this.#users.findById(tx, c.mainUserId);
      await this.#opening.mailInvitation(tx, c, c.mainUserId, mainUser?.locale ?? 'en');
      await this.#audit.record(tx, {
        actor,
        action: 'customer.invitation-resent',
        objectType: 'customer',
        objectId: c.id,
        after: { to: c.contactEmail },
      });
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
      join: (tx, { customer }) => this.#opening.register(tx, customer, 'customer.registered'),
    });
  }

  /**
   * a visitor registers a self-service customer. The account exists at once but cannot sign in until
   * the e-mail address is confirmed through the mailed link. Refused while registration is closed.
   */
  async signUp(input: SignUpInput): Promise<void> {
    await this.#db.transaction(async (tx) => {
      if (!(await this.#opening.isRegistrationOpen(tx))) {
        throw new AppError(
          'REGISTRATION_CLOSED',
          403,
          'Registration is closed. Ask your provider for an account.',
        );
      }
      await this.#opening.assertEmailFree(tx, input.email, 'email');
      const vatId = acceptedVatId(input.address.country, input.vatId);
      assertAcceptablePassword(input.password, input.passwordConfirmation, [
        input.email,
        input.companyName,
        input.contactName,
      ]);
      const { customer, user } = await this.#opening.insertWithMainUser(tx, {
        ...input,
        serviceMode: 'self-service',
        vatId,
        passwordHash: await hashPassword(input.password),
      });
      await this.#opening.mailVerification(tx, customer, { id: user.id, email: input.email }, input.locale);
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
      join: (tx, { customer }) => this.#opening.register(tx, customer, 'customer.email-verified'),
    });
  }
}

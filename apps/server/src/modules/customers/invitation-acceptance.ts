import type { InvitationInfo } from '@vmsp/contracts';
import type { Database, Executor, Tx } from '../../db/connection.ts';
import { AppError } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/passwords.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AuthService, SignedIn } from '../auth/auth.service.ts';
import {
  assertAcceptablePassword,
  linkNoLongerValid,
  type UserRow,
  type UsersService,
} from '../users/users.service.ts';
import type { CustomerRecord } from './customer-record.ts';
import * as repo from './customers.repository.ts';

/**
 * The links that make an invited user of a customer active: the contact's invitation, a team member's
 * invitation and a self-registered contact's e-mail confirmation.
 */
export type JoiningLink = 'customer-invite' | 'team-invite' | 'email-verify';

/** The user taking the link and the customer row, locked for the rest of the transaction. */
export interface Joining {
  user: UserRow;
  active: UserRow;
  customer: CustomerRecord;
}

/** What the purpose of the link adds to the customer, and the audit entry that records the step. */
export type JoinStep = (
  tx: Tx,
  joining: Joining,
) => Promise<{ action: string; before: unknown; after: unknown }>;

/** Why nobody may join a customer account that is locked or being deleted, or null. */
function accountRefusal(c: Pick<CustomerRecord, 'locked' | 'deletionRequestedAt'>): AppError | null {
  if (c.locked) return new AppError('ACCOUNT_LOCKED', 403, 'This account is locked. Contact your provider.');
  if (c.deletionRequestedAt !== null) {
    return new AppError('ACCOUNT_DELETING', 403, 'This account is being deleted and can no longer be used.');
  }
  return null;
}

/**
 * Taking a link that makes an invited user of a customer active, whatever invited them: one set of refusals
 * (a dead link, a locked account, an account being deleted, a weak password) and one lock order. The
 * customer row is locked first, as every change of a customer and of its team takes it, and the link only
 * then: a resend, a withdrawal or an admin's change that holds the row and renews the link can never wait
 * for us while we wait for it.
 */
export class InvitationAcceptance {
  readonly #db: Database;
  readonly #users: UsersService;
  readonly #auth: AuthService;
  readonly #audit: AuditService;

  constructor(deps: { db: Database; users: UsersService; auth: AuthService; audit: AuditService }) {
    this.#db = deps.db;
    this.#users = deps.users;
    this.#auth = deps.auth;
    this.#audit = deps.audit;
  }

  /** What a link is for, as its page shows it; refused as taking it would be. */
  async info(purpose: JoiningLink, token: string): Promise<InvitationInfo> {
    const { user, customer } = await this.#holderOf(this.#db, purpose, token);
    const refused = accountRefusal(customer);
    if (refused) throw refused;
    return { email: user.email, companyName: customer.companyName };
  }

  /**
   * The user behind the link becomes active (with the password chosen, when the link asks for one), the
   * link is used, `join` adds what the purpose of the link adds, the step is audited as the user's own,
   * and the user is signed in. All in one transaction; any refusal changes nothing.
   */
  async accept(
    purpose: JoiningLink,
    token: string,
    meta: { ip: string; userAgent: string | null },
    options: { password?: { password: string; confirmation: string }; join: JoinStep },
  ): Promise<SignedIn> {
    return this.#db.transaction(async (tx) => {
      const found = await this.#holderOf(tx, purpose, token);
      const customer = await repo.findCustomer(tx, found.customer.id, { forUpdate: true });
      // The link again, now under the row lock: withdrawn, resent or used while we waited, it is dead now.
      const user = await this.#invitedUserOf(tx, purpose, token, { lock: true });
      if (!customer || user?.customerId !== customer.id) throw linkNoLongerValid();
      const refused = accountRefusal(customer);
      if (refused) throw refused;
      const patch: { status: 'active'; passwordHash?: string } = { status: 'active' };
      if (options.password) {
        const { password, confirmation } = options.password;
        assertAcceptablePassword(password, confirmation, [
          user.email,
          customer.companyName,
          customer.contactName,
        ]);
        patch.passwordHash = await hashPassword(password);
      }
      const active = await this.#users.update(tx, user.id, patch);
      if (!active) throw linkNoLongerValid();
      await this.#users.markTokenUsed(tx, token);
      const entry = await options.join(tx, { user, active, customer });
      await this.#audit.record(tx, {
        actor: { id: user.id, email: user.email, ip: meta.ip },
        objectType: 'customer',
        objectId: customer.id,
        ...entry,
      });
      return this.#auth.openSession(tx, active, meta);
    });
  }

  /** The invited user and the customer behind a usable link of this purpose, or TOKEN_INVALID. */
  async #holderOf(
    executor: Executor,
    purpose: JoiningLink,
    token: string,
  ): Promise<{ user: UserRow; customer: CustomerRecord }> {
    const user = await this.#invitedUserOf(executor, purpose, token, { lock: false });
    const customer = user?.customerId ? await repo.findCustomer(executor, user.customerId) : undefined;
    if (!user || !customer) throw linkNoLongerValid();
    return { user, customer };
  }

  /** The still invited user behind a usable link of this purpose; `lock` holds the link for the transaction. */
  async #invitedUserOf(
    executor: Executor,
    purpose: JoiningLink,
    token: string,
    options: { lock: boolean },
  ): Promise<UserRow | undefined> {
    const row = await this.#users.findUsableToken(executor, token, options);
    const user =
      row?.purpose === purpose && row.userId ? await this.#users.findById(executor, row.userId) : undefined;
    return user?.status === 'invited' ? user : undefined;
  }
}

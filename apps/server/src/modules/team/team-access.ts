import type { TeamMember, TeamResponse } from '@vmsp/contracts';
import type { Database, Executor, Tx } from '../../db/connection.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { MainUserService, TeamCustomer } from '../customers/main-user.service.ts';
import type { UserRow, UsersService } from '../users/users.service.ts';

/** The signed-in customer user who looks at or manages the team. */
export interface TeamCaller extends Actor {
  customerId: string;
}

export function toMember(u: UserRow, c: TeamCustomer, callerId: string): TeamMember {
  return {
    id: u.id,
    email: u.email,
    status: u.status,
    isMainUser: u.id === c.mainUserId,
    isYou: u.id === callerId,
    createdAt: u.createdAt.toISOString(),
  };
}

/** What the audit log keeps of a member before and after a change. */
export const memberView = (u: Pick<UserRow, 'id' | 'email' | 'status'>) => ({
  userId: u.id,
  email: u.email,
  status: u.status,
});

const notMainUser = () =>
  new AppError('NOT_MAIN_USER', 403, 'Only the main user of your company can manage the team.');

/**
 * How every change of a team is made: on the customer row, locked first, so changes of one team,
 * the hand-over included, run one after the other and each sees who the main user is at that moment; by
 * its main user only; on members of this customer only; audited as a change of the customer.
 */
export class TeamAccess {
  readonly #db: Database;
  readonly #users: UsersService;
  readonly #audit: AuditService;
  readonly #customers: MainUserService;

  constructor(deps: { db: Database; users: UsersService; audit: AuditService; customers: MainUserService }) {
    this.#db = deps.db;
    this.#users = deps.users;
    this.#audit = deps.audit;
    this.#customers = deps.customers;
  }

  async team(caller: TeamCaller): Promise<TeamResponse> {
    const c = await this.#customers.teamCustomer(this.#db, caller.customerId);
    if (!c) throw notFound('The company');
    return this.view(this.#db, c, caller.id);
  }

  async view(executor: Executor, c: TeamCustomer, callerId: string): Promise<TeamResponse> {
    const users = await this.#users.listOfCustomer(executor, c.id);
    return { members: users.map((u) => toMember(u, c, callerId)), canManage: c.mainUserId === callerId };
  }

  /** Runs a team change on the locked customer row, for its main user only. */
  async manage<T>(caller: TeamCaller, change: (tx: Tx, c: TeamCustomer) => Promise<T>): Promise<T> {
    return this.#db.transaction(async (tx) => {
      const c = await this.#customers.lockTeamCustomer(tx, caller.customerId);
      if (!c) throw notFound('The company');
      if (c.mainUserId !== caller.id) throw notMainUser();
      return change(tx, c);
    });
  }

  /** A user of this customer; users of other customers are as unknown as ids that do not exist. */
  async member(tx: Tx, c: TeamCustomer, userId: string): Promise<UserRow> {
    const user = await this.#users.findById(tx, userId);
    if (user?.customerId !== c.id) throw notFound('The team member');
    return user;
  }

  async invitedMember(tx: Tx, c: TeamCustomer, userId: string): Promise<UserRow> {
    const member = await this.member(tx, c, userId);
    if (member.status !== 'invited') {
      throw conflict('ACTION_NOT_APPLICABLE', 'This member has accepted the invitation already.');
    }
    return member;
  }

  async record(tx: Tx, actor: Actor, c: TeamCustomer, action: string, before: unknown, after: unknown) {
    await this.#audit.record(tx, { actor, action, objectType: 'customer', objectId: c.id, before, after });
  }
}

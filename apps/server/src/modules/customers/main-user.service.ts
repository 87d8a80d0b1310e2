import type { CustomerDetails } from '@vmsp/contracts';
import { customerActions } from '@vmsp/domain';
import type { Executor, Tx } from '../../db/connection.ts';
import { invalid } from '../../lib/errors.ts';
import type { Actor } from '../audit/audit.service.ts';
import type { UsersService } from '../users/users.service.ts';
import { type CustomerChanges, notApplicable } from './customer-changes.ts';
import { type CustomerRecord, lockCustomer } from './customer-record.ts';
import * as repo from './customers.repository.ts';

/** What a team sees of its customer: who the main user is, and the contact e-mail that follows them. */
export type TeamCustomer = Pick<CustomerRecord, 'id' | 'companyName' | 'mainUserId' | 'contactEmail'>;

/**
 * The customer's main user, changed by an admin or handed over by the main user from the team page.
 * Either way the contact e-mail of the list follows, and the row lock makes the swap atomic: a customer never
 * has zero or two main users.
 */
export class MainUserService {
  readonly #changes: CustomerChanges;
  readonly #users: UsersService;

  constructor(deps: { changes: CustomerChanges; users: UsersService }) {
    this.#changes = deps.changes;
    this.#users = deps.users;
  }

  /** `Change Main User`: only an active user of the customer. */
  async changeMainUser(actor: Actor, id: string, userId: string, version: number): Promise<CustomerDetails> {
    return this.#changes.run(actor, id, version, 'customer.main-user-changed', async (tx, c) => {
      if (!customerActions(c).includes('change-main-user')) throw notApplicable('change-main-user');
      const user = await this.#users.findById(tx, userId);
      if (!user || user.customerId !== c.id || user.status !== 'active') {
        throw invalid(
          'userId',
          'Only an active user of this customer can become the main user: invited and disabled users cannot.',
          'MAIN_USER_NOT_ACTIVE',
        );
      }
      return this.#changes.update(tx, c, { mainUserId: user.id, contactEmail: user.email });
    });
  }

  async teamCustomer(executor: Executor, id: string): Promise<TeamCustomer | undefined> {
    return repo.findCustomer(executor, id);
  }

  /**
   * The team's customer, locked for the transaction: the same row lock every customer change takes, so a
   * change of the team and an admin's change of the customer run one after the other.
   */
  async lockTeamCustomer(tx: Tx, id: string): Promise<TeamCustomer | undefined> {
    return repo.findCustomer(tx, id, { forUpdate: true });
  }

  /** The main user hands the role to `user`, whom the team has checked is an active member. */
  async handOver(tx: Tx, customerId: string, user: { id: string; email: string }): Promise<void> {
    const c = await lockCustomer(tx, customerId);
    await this.#changes.update(tx, c, { mainUserId: user.id, contactEmail: user.email });
  }
}

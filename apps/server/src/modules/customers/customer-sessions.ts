import type { Tx } from '../../db/connection.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { UsersService } from '../users/users.service.ts';

/** Ends every session of a customer's users at once: a lock and a deletion shut them out from that moment. */
export class CustomerSessions {
  readonly #users: UsersService;
  readonly #auth: AuthService;

  constructor(deps: { users: UsersService; auth: AuthService }) {
    this.#users = deps.users;
    this.#auth = deps.auth;
  }

  async endAll(tx: Tx, customerId: string): Promise<void> {
    for (const u of await this.#users.listOfCustomer(tx, customerId)) await this.#auth.revokeAll(tx, u.id);
  }
}

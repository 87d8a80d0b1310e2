import type { CustomerDetails } from '@vmsp/contracts';
import type { Actor } from '../audit/audit.service.ts';
import type { CustomerChanges } from './customer-changes.ts';
import type { CustomerSessions } from './customer-sessions.ts';

/** `Account locked`: a locked customer's users cannot sign in; the subscription is untouched. */
export class CustomerLockService {
  readonly #changes: CustomerChanges;
  readonly #sessions: CustomerSessions;

  constructor(deps: { changes: CustomerChanges; sessions: CustomerSessions }) {
    this.#changes = deps.changes;
    this.#sessions = deps.sessions;
  }

  /** Locking ends every session of the customer's users at once. */
  async setLocked(
    actor: Actor,
    id: string,
    locked: boolean,
    expectedVersion?: number,
  ): Promise<CustomerDetails> {
    return this.#changes.run(
      actor,
      id,
      expectedVersion,
      locked ? 'customer.locked' : 'customer.unlocked',
      async (tx, c) => {
        const updated = await this.#changes.update(tx, c, { locked });
        if (locked) await this.#sessions.endAll(tx, c.id);
        return updated;
      },
    );
  }
}

import type { CustomerDetails, DeleteCustomerResult } from '@vmsp/contracts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { invalid } from '../../lib/errors.ts';
import { assertVersion } from '../../lib/versions.ts';
import type { Actor } from '../audit/audit.service.ts';
import { type CustomerChanges, notApplicable } from './customer-changes.ts';
import type { CustomerPurge } from './customer-purge.ts';
import { lockCustomer } from './customer-record.ts';
import type { CustomerSessions } from './customer-sessions.ts';
import type { PurgeJob } from './customers.jobs.ts';
import * as repo from './customers.repository.ts';

/**
 * Deleting a customer. A customer that never registered goes at once. A registered one is marked
 * `deleting` (its users cannot sign in from that moment) and purged by a durable job after a grace period, during
 * which an admin can undo it.
 */
export class CustomerDeletionService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #config: Pick<Config, 'deletionGraceSeconds'>;
  readonly #changes: CustomerChanges;
  readonly #sessions: CustomerSessions;
  readonly #purge: CustomerPurge;

  constructor(deps: {
    db: Database;
    clock: Clock;
    config: Pick<Config, 'deletionGraceSeconds'>;
    changes: CustomerChanges;
    sessions: CustomerSessions;
    purge: CustomerPurge;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#config = deps.config;
    this.#changes = deps.changes;
    this.#sessions = deps.sessions;
    this.#purge = deps.purge;
  }

  async delete(
    actor: Actor,
    id: string,
    input: { confirmation?: string | undefined; version: number },
  ): Promise<DeleteCustomerResult> {
    return this.#db.transaction(async (tx) => {
      const c = await lockCustomer(tx, id);
      assertVersion(c, input.version);
      if (c.deletionRequestedAt) throw notApplicable('delete');
      if (c.registeredAt === null) {
        await this.#changes.record(tx, actor, c, 'customer.deleted', { status: c.status });
        await this.#purge.purge(tx, c, this.#clock.now());
        return { purged: true, purgeAt: null };
      }
      if (input.confirmation !== 'DELETE') {
        throw invalid('confirmation', 'Type DELETE to confirm.', 'DELETE_NOT_CONFIRMED');
      }
      const now = this.#clock.now();
      const purgeAt = new Date(now.getTime() + this.#config.deletionGraceSeconds * 1000);
      const marked = await this.#changes.update(tx, c, { deletionRequestedAt: now, purgeAt });
      await this.#sessions.endAll(tx, c.id);
      await this.#purge.schedule(tx, c, purgeAt);
      await this.#changes.record(
        tx,
        actor,
        c,
        'customer.marked-for-deletion',
        { status: c.status },
        { status: marked.status, purgeAt: purgeAt.toISOString() },
      );
      return { purged: false, purgeAt: purgeAt.toISOString() };
    });
  }

  /** During the grace period an admin takes the deletion back; the queued purge then finds nothing to do. */
  async undo(actor: Actor, id: string, version: number): Promise<CustomerDetails> {
    return this.#changes.run(
      actor,
      id,
      version,
      'customer.deletion-undone',
      async (tx, c) => {
        if (!c.deletionRequestedAt) throw notApplicable('undo deletion');
        return this.#changes.update(tx, c, { deletionRequestedAt: null, purgeAt: null });
      },
      (c) => ({ status: c.status }),
    );
  }

  /** The purge job. Idempotent: a customer already gone, undone, or marked again for a later purge is left alone. */
  async runPurge(job: PurgeJob): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const c = await repo.findCustomer(tx, job.customerId, { forUpdate: true });
      if (!c?.deletionRequestedAt || c.purgeAt?.toISOString() !== job.purgeAt) return;
      await this.#purge.purge(tx, c, this.#clock.now());
    });
  }
}

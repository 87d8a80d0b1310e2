import type { CustomerAction, CustomerDetails } from '@vmsp/contracts';
import type { Database, Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { assertVersion } from '../../lib/versions.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { CustomerDetailsService } from './customer-details.service.ts';
import { type CustomerPatch, type CustomerRecord, lockCustomer, writeCustomer } from './customer-record.ts';
import { auditView } from './customer-views.ts';

export const notApplicable = (action: CustomerAction | string) =>
  new AppError('ACTION_NOT_APPLICABLE', 409, `“${action}” does not apply to this customer.`);

/**
 * How an admin changes a customer row, whatever the change: the row locked, the optimistic version checked,
 * the status recomputed, the change audited before/after, and the details answered, in one transaction.
 * Shared by the services of this module, each of which owns one kind of change.
 */
export class CustomerChanges {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #audit: AuditService;
  readonly #details: CustomerDetailsService;

  constructor(deps: { db: Database; clock: Clock; audit: AuditService; details: CustomerDetailsService }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#audit = deps.audit;
    this.#details = deps.details;
  }

  /** Runs one change on the locked row; `view` is what the audit entry keeps of the row before and after. */
  async run(
    actor: Actor,
    id: string,
    expectedVersion: number | undefined,
    action: string,
    apply: (tx: Tx, c: CustomerRecord) => Promise<CustomerRecord>,
    view: (c: CustomerRecord) => unknown = auditView,
  ): Promise<CustomerDetails> {
    return this.#db.transaction(async (tx) => {
      const c = await lockCustomer(tx, id);
      if (expectedVersion !== undefined) assertVersion(c, expectedVersion);
      const updated = await apply(tx, c);
      await this.record(tx, actor, c, action, view(c), view(updated));
      return this.#details.detailsIn(tx, updated);
    });
  }

  /** Writes a change of a row the caller holds locked; status and version follow. */
  update(tx: Tx, c: CustomerRecord, patch: CustomerPatch): Promise<CustomerRecord> {
    return writeCustomer(tx, c, patch, this.#clock.now());
  }

  /** An audit entry about the customer, in the caller's transaction. */
  async record(
    tx: Tx,
    actor: Actor | null,
    c: CustomerRecord,
    action: string,
    before: unknown,
    after?: unknown,
  ): Promise<void> {
    await this.#audit.record(tx, { actor, action, objectType: 'customer', objectId: c.id, before, after });
  }
}

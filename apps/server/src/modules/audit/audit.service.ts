import type { AuditPage, AuditQuery } from '@vmsp/contracts';
import type { Database, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { insertAuditRows, listAuditRows, type NewAuditRow, redactAuditRows } from './audit.repository.ts';

/** Who acted: a signed-in user, or null for the system (a job, the CLI). */
export interface Actor {
  id: string;
  email: string;
  ip?: string | null;
}

export interface AuditEvent {
  actor: Actor | null;
  /** dotted verb, e.g. "admin.invited", "mail-settings.changed" */
  action: string;
  objectType: string;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
}

export class AuditService {
  readonly #db: Database;
  readonly #clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /** Written in the caller's transaction, so an entry exists exactly when its change does. */
  async record(executor: Executor, event: AuditEvent): Promise<void> {
    await insertAuditRows(executor, [this.#row(event)]);
  }

  /** Many entries in one statement, for changes made in bulk (the month end). */
  async recordMany(executor: Executor, events: AuditEvent[]): Promise<void> {
    await insertAuditRows(
      executor,
      events.map((e) => this.#row(e)),
    );
  }

  /**
   * A purged customer's personal data leaves the trail: what its entries held before and after, and
   * who its users were. Who did what to which id stays, and the admins who acted on it stay named.
   */
  async redactCustomer(executor: Executor, customerId: string, userIds: string[]): Promise<void> {
    await redactAuditRows(executor, { objectId: customerId, actorIds: userIds });
  }

  #row(event: AuditEvent): NewAuditRow {
    return {
      at: this.#clock.now(),
      actorId: event.actor?.id ?? null,
      actorEmail: event.actor?.email ?? null,
      ip: event.actor?.ip ?? null,
      action: event.action,
      objectType: event.objectType,
      objectId: event.objectId ?? null,
      before: event.before ?? null,
      after: event.after ?? null,
    };
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    const { rows, total } = await listAuditRows(
      this.#db,
      { objectType: query.objectType, objectId: query.objectId },
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actorId: r.actorId,
        actorEmail: r.actorEmail,
        action: r.action,
        objectType: r.objectType,
        objectId: r.objectId,
        before: r.before ?? null,
        after: r.after ?? null,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}

import type { AuditEntry, AuditFilter, AuditPage, AuditQuery } from '@vmsp/contracts';
import type { SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import {
  type AuditRowFilter,
  auditRowsAfter,
  customerObjects,
  insertAuditRows,
  insertAuditRowsFrom,
  listAuditRows,
  type NamedAuditRow,
  type NewAuditRow,
  redactAuditRows,
} from './audit.repository.ts';

/** Entries per export query: small batches keep the heap flat however many entries the filter selects. */
const EXPORT_BATCH = 1000;

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
  /** The calendar whose days the filter's date range names: the billing time zone. */
  readonly #timeZone: string;

  constructor(db: Database, clock: Clock, timeZone: string) {
    this.#db = db;
    this.#clock = clock;
    this.#timeZone = timeZone;
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
   * Entries of a change the system made in bulk (no actor), one per row of `rows`: a query yielding object_id,
   * before and after (jsonb), built by the caller from the rows it changed (insertAuditRowsFrom).
   */
  async recordSystemRows(executor: Executor, action: string, objectType: string, rows: SQL): Promise<void> {
    await insertAuditRowsFrom(executor, { at: this.#clock.now(), action, objectType }, rows);
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

  /** The Audit Log page: the filter's entries newest first, each with its object's name. */
  async list(query: AuditQuery): Promise<AuditPage> {
    const { rows, total, totalIsLowerBound } = await listAuditRows(this.#db, await this.#rowFilter(query), {
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows.map(toEntry), total, totalIsLowerBound, page: query.page, pageSize: query.pageSize };
  }

  /** Every entry the filter selects, newest first, batch by batch; the next batch is read while one is written. */
  async *export(filter: AuditFilter): AsyncGenerator<AuditEntry[]> {
    const rowFilter = await this.#rowFilter(filter);
    const next = (after: NamedAuditRow | undefined) =>
      auditRowsAfter(this.#db, rowFilter, after ? { at: after.at, id: after.id } : null, EXPORT_BATCH);
    let pending: Promise<NamedAuditRow[]> | null = next(undefined);
    while (pending) {
      const batch: NamedAuditRow[] = await pending;
      pending = batch.length === EXPORT_BATCH ? next(batch.at(-1)) : null;
      if (batch.length) yield batch.map(toEntry);
    }
  }

  /** Who took the log out of the portal, and what of it: like the other exports, the export is audited. */
  async recordExport(actor: Actor, filter: AuditFilter): Promise<void> {
    await this.record(this.#db, {
      actor,
      action: 'audit-log.exported',
      objectType: 'audit-log',
      objectId: null,
      after: { filter, format: 'csv' },
    });
  }

  async #rowFilter(filter: AuditFilter): Promise<AuditRowFilter> {
    return {
      action: filter.action,
      actorId: filter.actorId,
      objectType: filter.objectType,
      objectId: filter.objectId,
      days:
        filter.from || filter.to ? { from: filter.from, to: filter.to, timeZone: this.#timeZone } : undefined,
      customer: filter.customerId ? await customerObjects(this.#db, filter.customerId) : undefined,
    };
  }
}

function toEntry(r: NamedAuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorEmail: r.actorEmail,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    objectName: r.objectName,
    before: r.before ?? null,
    after: r.after ?? null,
  };
}

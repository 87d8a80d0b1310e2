import type { CustomerExportRecord, CustomerFilter, CustomerListQuery, CustomerPage } from '@vmsp/contracts';
import type { Database } from '../../db/connection.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import { toRow } from './customer-views.ts';
import * as repo from './customers.repository.ts';
import { toExportRecord } from './customers-export.ts';

/**
 * Rows per export query. Each batch is alive twice over (the next one is read while this one is written)
 * and in several forms at once (the driver's raw result, rows, records, JSON); small batches die young in
 * the garbage collector, where batches of thousands of rows outlive it and grow the heap by tens of MB
 * over a 100k export. More queries cost little: each one is an index range scan.
 */
const EXPORT_BATCH = 1000;

/** The Billing list and its export. */
export class CustomersService {
  readonly #db: Database;
  readonly #audit: AuditService;

  constructor(deps: { db: Database; audit: AuditService }) {
    this.#db = deps.db;
    this.#audit = deps.audit;
  }

  /** Whether the portal has a customer at all, in any status (the first-steps checklist's last step). */
  async exist(): Promise<boolean> {
    return repo.anyCustomer(this.#db);
  }

  async list(query: CustomerListQuery): Promise<CustomerPage> {
    const { rows, total, totalIsLowerBound } = await repo.listCustomers(
      this.#db,
      query,
      { sort: query.sort, dir: query.dir },
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    );
    return { items: rows.map(toRow), total, totalIsLowerBound, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Every customer the filter selects, batch by batch: memory does not grow with their number. The
   * next batch is already being read while the current one is serialised.
   */
  async *export(filter: CustomerFilter): AsyncGenerator<CustomerExportRecord[]> {
    const next = (after: { name: string; id: string } | null) =>
      repo.exportBatch(this.#db, filter, after, EXPORT_BATCH);
    let pending: Promise<repo.ExportRow[]> | null = next(null);
    while (pending) {
      const batch: repo.ExportRow[] = await pending;
      const last = batch.at(-1);
      pending =
        last && batch.length === EXPORT_BATCH
          ? next({ name: last.companyName.toLowerCase(), id: last.id })
          : null;
      if (batch.length) yield batch.map(toExportRecord);
    }
  }

  async recordExport(actor: Actor, filter: CustomerFilter, format: 'json' | 'csv'): Promise<void> {
    await this.#audit.record(this.#db, {
      actor,
      action: 'customers.exported',
      objectType: 'customer',
      objectId: null,
      after: { filter, format },
    });
  }
}

import type { CustomerDetails } from '@vmsp/contracts';
import type { Executor, Tx } from '../../db/connection.ts';
import type { customers } from '../../db/schema.ts';

/** A customer's row, as billing reads it. */
export type CustomerRecord = typeof customers.$inferSelect;

/**
 * What billing needs of the customers module. Billing changes a subscription on the customer's locked row, so
 * that every change of one customer is serialised with the customer's own changes, and answers with the
 * customer's details. The customers module implements this and app.ts wires it in: the customers module
 * imports billing (its details show the subscription), so billing must not import it back.
 */
export interface CustomerAccounts {
  /** The row, locked until the transaction ends; given `version`, refused when someone changed it meanwhile. */
  lock(tx: Tx, id: string, version?: number): Promise<CustomerRecord>;
  find(executor: Executor, id: string): Promise<CustomerRecord | undefined>;
  details(executor: Executor, c: CustomerRecord): Promise<CustomerDetails>;
}

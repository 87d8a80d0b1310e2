import { statusOfRow } from '@vmsp/domain';
import type { Tx } from '../../db/connection.ts';
import { notFound } from '../../lib/errors.ts';
import * as repo from './customers.repository.ts';

/** The rules every change of a customer row follows, shared by the services of this module. */

export type CustomerRecord = repo.CustomerRecord;
export type CustomerPatch = Partial<Omit<repo.NewCustomerRecord, 'id' | 'version' | 'status'>>;

/** The row, locked until the transaction ends: every change of one customer is serialised by this lock. */
export async function lockCustomer(tx: Tx, id: string): Promise<CustomerRecord> {
  const c = await repo.findCustomer(tx, id, { forUpdate: true });
  if (!c) throw notFound('The customer');
  return c;
}

/**
 * Writes a change, recomputing the status from the changed facts by the domain's one rule and bumping
 * the version. Whether a subscription runs is billing's fact, shown on the row by its payment method.
 */
export function writeCustomer(
  tx: Tx,
  c: CustomerRecord,
  patch: CustomerPatch,
  now: Date,
): Promise<CustomerRecord> {
  return repo.updateCustomer(tx, c.id, { ...patch, status: statusOfRow({ ...c, ...patch }), updatedAt: now });
}

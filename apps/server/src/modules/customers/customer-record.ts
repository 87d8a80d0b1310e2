import { customerStatus } from '@vmsp/domain';
import type { Tx } from '../../db/connection.ts';
import { notFound } from '../../lib/errors.ts';
import * as repo from './customers.repository.ts';

/** The rules every change of a customer row follows, shared by the services of this module. */

export type CustomerRecord = repo.CustomerRecord;
export type CustomerPatch = Partial<Omit<repo.NewCustomerRecord, 'id' | 'version' | 'status'>>;

/** The status follows from the facts on the row; every change recomputes it. */
export function statusOf(
  c: Pick<CustomerRecord, 'locked' | 'deletionRequestedAt' | 'registeredAt' | 'ipsInternal' | 'ipsExternal'>,
) {
  return customerStatus({
    locked: c.locked,
    deleting: c.deletionRequestedAt !== null,
    registered: c.registeredAt !== null,
    hasActiveSubscription: c.ipsInternal + c.ipsExternal > 0,
  });
}

/** The row, locked until the transaction ends: every change of one customer is serialised by this lock. */
export async function lockCustomer(tx: Tx, id: string): Promise<CustomerRecord> {
  const c = await repo.findCustomer(tx, id, { forUpdate: true });
  if (!c) throw notFound('The customer');
  return c;
}

/** Writes a change, recomputing the status from the changed facts and bumping the version. */
export function writeCustomer(
  tx: Tx,
  c: CustomerRecord,
  patch: CustomerPatch,
  now: Date,
): Promise<CustomerRecord> {
  return repo.updateCustomer(tx, c.id, { ...patch, status: statusOf({ ...c, ...patch }), updatedAt: now });
}

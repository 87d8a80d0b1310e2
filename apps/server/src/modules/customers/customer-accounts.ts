import type { CustomerDetails } from '@vmsp/contracts';
import type { Executor } from '../../db/connection.ts';
import { assertVersion } from '../../lib/versions.ts';
import type { CustomerAccounts, CustomerRecord } from '../billing/customer-accounts.ts';
import { lockCustomer } from './customer-record.ts';
import * as repo from './customers.repository.ts';

/** The customer rows as billing uses them (see CustomerAccounts); `details` is the customer's detail view. */
export function customerAccounts(
  details: (executor: Executor, c: CustomerRecord) => Promise<CustomerDetails>,
): CustomerAccounts {
  return {
    async lock(tx, id, version) {
      const c = await lockCustomer(tx, id);
      if (version !== undefined) assertVersion(c, version);
      return c;
    },
    find: (executor, id) => repo.findCustomer(executor, id),
    details,
  };
}

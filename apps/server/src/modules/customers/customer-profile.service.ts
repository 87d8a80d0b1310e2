import type { CustomerDetails, EditAddressInput, PortalCompany } from '@vmsp/contracts';
import { customerActions } from '@vmsp/domain';
import type { Database } from '../../db/connection.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { Actor } from '../audit/audit.service.ts';
import { addressPatch } from './customer-address.ts';
import { type CustomerChanges, notApplicable } from './customer-changes.ts';
import { lockCustomer } from './customer-record.ts';
import { addressOf, auditView } from './customer-views.ts';
import * as repo from './customers.repository.ts';

/** A customer's company data: the admin's `Edit Address` and the portal's company page. */
export class CustomerProfileService {
  readonly #db: Database;
  readonly #changes: CustomerChanges;

  constructor(deps: { db: Database; changes: CustomerChanges }) {
    this.#db = deps.db;
    this.#changes = deps.changes;
  }

  /** R-3.7: managed customers' address, VAT-ID and optional billing address. */
  async editAddress(
    actor: Actor,
    id: string,
    input: EditAddressInput,
    expectedVersion?: number,
  ): Promise<CustomerDetails> {
    return this.#changes.run(actor, id, expectedVersion, 'customer.address-changed', async (tx, c) => {
      if (!customerActions(c).includes('edit-address')) throw notApplicable('edit-address');
      return this.#changes.update(tx, c, addressPatch(input));
    });
  }

  /** a self-service customer keeps its own company address and VAT-ID, by the rules of. */
  async editOwnCompany(actor: Actor, customerId: string, input: EditAddressInput): Promise<PortalCompany> {
    await this.#db.transaction(async (tx) => {
      const c = await lockCustomer(tx, customerId);
      if (c.serviceMode !== 'self-service') {
        throw new AppError(
          'MANAGED_BY_PROVIDER',
          403,
          'Your provider keeps your company data. Ask them for changes.',
        );
      }
      const updated = await this.#changes.update(tx, c, addressPatch(input));
      await this.#changes.record(tx, actor, c, 'customer.address-changed', auditView(c), auditView(updated));
    });
    return this.portalCompany(customerId);
  }

  async portalCompany(customerId: string): Promise<PortalCompany> {
    const c = await repo.findCustomer(this.#db, customerId);
    if (!c) throw notFound('The company');
    return {
      companyName: c.companyName,
      contactName: c.contactName,
      contactEmail: c.contactEmail,
      serviceMode: c.serviceMode,
      address: addressOf(c),
      vatId: c.vatId,
      billingAddress: c.billingAddress,
      invoiceEmail: c.invoiceEmail,
    };
  }
}

import type { CustomerDetails } from '@vmsp/contracts';
import { customerActions } from '@vmsp/domain';
import type { Actor } from '../audit/audit.service.ts';
import { type CustomerChanges, notApplicable } from './customer-changes.ts';

/** `Convert to Managed Customer`: self-service → managed, irreversibly. */
export class CustomerConversionService {
  readonly #changes: CustomerChanges;

  constructor(deps: { changes: CustomerChanges }) {
    this.#changes = deps.changes;
  }

  /** There is deliberately no way back. */
  async convertToManaged(actor: Actor, id: string, expectedVersion?: number): Promise<CustomerDetails> {
    return this.#changes.run(actor, id, expectedVersion, 'customer.converted-to-managed', async (tx, c) => {
      if (!customerActions(c).includes('convert-to-managed')) throw notApplicable('convert-to-managed');
      return this.#changes.update(tx, c, { serviceMode: 'managed' });
    });
  }
}

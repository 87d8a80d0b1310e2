import type { IpDistributionInput, IpDistributionResult, PortalIpDistributionResult } from '@vmsp/contracts';
import { customerActions } from '@vmsp/domain';
import type { Database } from '../../db/connection.ts';
import { assertVersion } from '../../lib/versions.ts';
import type { Actor } from '../audit/audit.service.ts';
import type { PortalSubscriptionService } from './portal-subscription.service.ts';
import {
  managedByProvider,
  notApplicable,
  resultOf,
  type SubscriptionChange,
} from './subscription-change.ts';

/**
 * `IP Distribution`: how many IPs a customer subscribes, internal and external. An admin changes it for
 * any customer; a self-service customer changes its own by the same rules.
 */
export class IpDistributionService {
  readonly #db: Database;
  readonly #change: SubscriptionChange;
  readonly #portal: PortalSubscriptionService;

  constructor(deps: { db: Database; change: SubscriptionChange; portal: PortalSubscriptionService }) {
    this.#db = deps.db;
    this.#change = deps.change;
    this.#portal = deps.portal;
  }

  /** By an admin, on any customer not being deleted. */
  async distributeIps(actor: Actor, id: string, input: IpDistributionInput): Promise<IpDistributionResult> {
    return this.#db.transaction(async (tx) => {
      const c = await this.#change.lock(tx, id, input.version);
      if (!customerActions(c).includes('ip-distribution')) throw notApplicable('ip-distribution');
      const { outcome, customer } = await this.#change.distribute(tx, actor, c, input);
      return { ...resultOf(outcome), customer: await this.#change.details(tx, customer) };
    });
  }

  /** By a self-service customer, on its own subscription. */
  async distributeOwnIps(
    actor: Actor,
    customerId: string,
    input: IpDistributionInput,
  ): Promise<PortalIpDistributionResult> {
    return this.#db.transaction(async (tx) => {
      const c = await this.#change.lock(tx, customerId);
      if (c.serviceMode !== 'self-service') throw managedByProvider();
      assertVersion(c, input.version);
      const { outcome, customer } = await this.#change.distribute(tx, actor, c, input);
      return { ...resultOf(outcome), subscription: await this.#portal.of(tx, customer) };
    });
  }
}

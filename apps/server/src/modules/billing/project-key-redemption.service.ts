import type { IpDistributionResult, RedeemProjectKeyRequest } from '@vmsp/contracts';
import { customerActions, divideHalfUp, parseMoney } from '@vmsp/domain';
import type { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { invalid } from '../../lib/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { PaymentMethodsService } from '../payments/payment-methods.service.ts';
import { moneyRefused, type PricesService } from '../prices/prices.service.ts';
import type { ProjectKeysService } from '../project-keys/project-keys.service.ts';
import { notApplicable, resultOf, type SubscriptionChange } from './subscription-change.ts';

/**
 * `Finish` in the Add Project Key wizard, managed customers only: the key is verified, its IPs
 * distributed as chosen, and the subscription changes by the rules of R-3.4 (an upgrade at once when
 * performed instantly, a downgrade at the month's end) to Project Key, at the sales price spread over the
 * term, ending with the term. The key is recorded as redeemed in the same transaction.
 */
export class ProjectKeyRedemptionService {
  readonly #db: Database;
  readonly #change: SubscriptionChange;
  readonly #audit: AuditService;
  readonly #prices: PricesService;
  readonly #paymentMethods: PaymentMethodsService;
  readonly #projectKeys: ProjectKeysService;

  constructor(deps: {
    db: Database;
    change: SubscriptionChange;
    audit: AuditService;
    prices: PricesService;
    paymentMethods: PaymentMethodsService;
    projectKeys: ProjectKeysService;
  }) {
    this.#db = deps.db;
    this.#change = deps.change;
    this.#audit = deps.audit;
    this.#prices = deps.prices;
    this.#paymentMethods = deps.paymentMethods;
    this.#projectKeys = deps.projectKeys;
  }

  async redeemProjectKey(
    actor: Actor,
    id: string,
    input: z.output<typeof RedeemProjectKeyRequest>,
  ): Promise<IpDistributionResult> {
    return this.#db.transaction(async (tx) => {
      const c = await this.#change.lock(tx, id, input.version);
      if (!customerActions(c).includes('add-project-key')) throw notApplicable('add-project-key');
      await this.#paymentMethods.assertActive(tx, 'project-key');
      const key = await this.#projectKeys.verify(tx, input.key);
      // The provider bills in one currency: a key priced in another would make prices incomparable.
      const [table] = await this.#prices.all(tx);
      if (table && table.currency !== key.currency) {
        throw invalid(
          'key',
          `This project key is priced in ${key.currency}; the portal bills in ${table.currency}.`,
          { rule: 'key-currency-mismatch' },
        );
      }
      const sales = parseMoney(input.salesPrice, 'salesPrice');
      if (!sales.ok) throw moneyRefused('salesPrice', sales.reason);
      if (input.internal + input.external !== key.ips) {
        throw invalid(
          'internal',
          `The key carries ${key.ips} IPs: internal and external must add up to them.`,
          { rule: 'ips-sum-mismatch', limit: key.ips },
        );
      }
      const { outcome, customer } = await this.#change.change(tx, actor, c, {
        total: key.ips,
        internal: input.internal,
        external: input.external,
        instant: input.instant,
        projectKey: {
          keyId: key.keyId,
          // Display and list price per month; the redemption keeps the exact sales price of the term.
          monthlyPriceMinor: divideHalfUp(sales.minor, key.months),
          currency: key.currency,
          months: key.months,
        },
      });
      const redeemed = await this.#projectKeys.record(tx, {
        key,
        customerId: c.id,
        salesPriceMinor: sales.minor,
        termStartsAt: outcome.effectiveAt,
        termEndsAt: outcome.termEndsAt ?? outcome.effectiveAt,
        redeemedBy: actor.email,
      });
      await this.#audit.record(tx, {
        actor,
        action: 'project-key.redeemed',
        objectType: 'customer',
        objectId: c.id,
        after: redeemed,
      });
      return { ...resultOf(outcome), customer: await this.#change.details(tx, customer) };
    });
  }
}

import type { CustomerDetails } from '@vmsp/contracts';
import type { Database, Executor } from '../../db/connection.ts';
import { notFound } from '../../lib/errors.ts';
import type { CardPaymentsService } from '../billing/card-payments.service.ts';
import type { SubscriptionsService } from '../billing/subscriptions.service.ts';
import type { ProjectKeysService } from '../project-keys/project-keys.service.ts';
import type { UsersService } from '../users/users.service.ts';
import type { CustomerRecord } from './customer-record.ts';
import { addressOf, toRow } from './customer-views.ts';
import * as repo from './customers.repository.ts';

/**
 * A customer's details page: the row, its users, its subscriptions, its redeemed project keys and its card
 * billing. Every admin change answers with it; billing reaches it through the `CustomerAccounts` port.
 */
export class CustomerDetailsService {
  readonly #db: Database;
  readonly #users: UsersService;
  readonly #subscriptions: SubscriptionsService;
  readonly #projectKeys: ProjectKeysService;
  readonly #cards: CardPaymentsService;

  constructor(deps: {
    db: Database;
    users: UsersService;
    subscriptions: SubscriptionsService;
    projectKeys: ProjectKeysService;
    cards: CardPaymentsService;
  }) {
    this.#db = deps.db;
    this.#users = deps.users;
    this.#subscriptions = deps.subscriptions;
    this.#projectKeys = deps.projectKeys;
    this.#cards = deps.cards;
  }

  async details(id: string): Promise<CustomerDetails> {
    const c = await repo.findCustomer(this.#db, id);
    if (!c) throw notFound('The customer');
    return this.detailsIn(this.#db, c);
  }

  /** The details of a customer read in the caller's transaction. */
  async detailsIn(executor: Executor, c: CustomerRecord): Promise<CustomerDetails> {
    const users = await this.#users.listOfCustomer(executor, c.id);
    const subscriptions = await this.#subscriptions.overview(executor, c.id);
    const projectKeys = await this.#projectKeys.redeemedBy(executor, c.id);
    const cardBilling = await this.#cards.view(executor, c);
    return {
      ...toRow(c),
      contactName: c.contactName,
      address: addressOf(c),
      vatId: c.vatId,
      billingAddress: c.billingAddress,
      invoiceEmail: c.invoiceEmail,
      locked: c.locked,
      createdAt: c.createdAt.toISOString(),
      registeredAt: c.registeredAt?.toISOString() ?? null,
      purgeAt: c.purgeAt?.toISOString() ?? null,
      users: users.map((u) => ({
        id: u.id,
        email: u.email,
        status: u.status,
        isMainUser: u.id === c.mainUserId,
      })),
      subscriptions,
      projectKeys,
      cardBilling,
    };
  }
}

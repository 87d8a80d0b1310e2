import type { RedeemedProjectKey } from '@vmsp/contracts';
import type { Database, Executor, Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import type { MailService } from '../mail/mail.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import {
  type ProjectKeySignersService,
  projectKeyRedeemed,
  type VerifiedProjectKey,
} from './project-key-signers.service.ts';
import * as repo from './project-keys.repository.ts';

/** How long before a term's end the provider is reminded (R-3.6 decision in the issue: 30 days). */
const REMINDER_DAYS = 30;
const REMINDER_BATCH = 500;

function toView(r: repo.RedemptionRecord): RedeemedProjectKey {
  const money = (amountMinor: number) => ({ amountMinor, currency: r.currency });
  return {
    keyId: r.keyId,
    ips: r.ips,
    months: r.months,
    purchasePrice: money(r.purchasePriceMinor),
    salesPrice: money(r.salesPriceMinor),
    margin: money(r.salesPriceMinor - r.purchasePriceMinor),
    termStartsAt: r.termStartsAt.toISOString(),
    termEndsAt: r.termEndsAt.toISOString(),
    redeemedAt: r.redeemedAt.toISOString(),
  };
}

/**
 * Redeemed project keys (R-3.6): the record that makes a key redeemable once, what the customer's details
 * show of it, and the reminder to the provider before its term ends. Verifying a key is the signers' job.
 */
export class ProjectKeysService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #signers: ProjectKeySignersService;
  readonly #notifications: NotificationsService;
  readonly #mail: MailService;

  constructor(deps: {
    db: Database;
    clock: Clock;
    signers: ProjectKeySignersService;
    notifications: NotificationsService;
    mail: MailService;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#signers = deps.signers;
    this.#notifications = deps.notifications;
    this.#mail = deps.mail;
  }

  verify(tx: Tx, key: string): Promise<VerifiedProjectKey> {
    return this.#signers.verify(tx, key, this.#clock.now());
  }

  /**
   * Records the redemption, or refuses the key as redeemed: the key id is the primary key, so of two
   * redemptions at the same moment the second waits for the first and then finds the row.
   */
  async record(
    tx: Tx,
    input: {
      key: VerifiedProjectKey;
      customerId: string;
      salesPriceMinor: number;
      termStartsAt: Date;
      termEndsAt: Date;
      redeemedBy: string;
    },
  ): Promise<RedeemedProjectKey> {
    const { key } = input;
    const row = await repo.insertRedemption(tx, {
      keyId: key.keyId,
      customerId: input.customerId,
      signerKid: key.signerKid,
      ips: key.ips,
      months: key.months,
      purchasePriceMinor: key.purchasePriceMinor,
      salesPriceMinor: input.salesPriceMinor,
      currency: key.currency,
      issuedAt: key.issuedAt,
      expiresAt: key.expiresAt,
      termStartsAt: input.termStartsAt,
      termEndsAt: input.termEndsAt,
      redeemedAt: this.#clock.now(),
      redeemedBy: input.redeemedBy,
    });
    if (!row) throw projectKeyRedeemed();
    return toView(row);
  }

  async redeemedBy(executor: Executor, customerId: string): Promise<RedeemedProjectKey[]> {
    return (await repo.redemptionsOf(executor, customerId)).map(toView);
  }

  /**
   * Reminds the provider (its notification address) of every term that ends within 30 days, once per key. Without a
   * mail transport nothing is marked, so the reminder goes out once mail works.
   */
  async remindTermEndings(companyNameOf: (tx: Tx, customerId: string) => Promise<string>): Promise<number> {
    const now = this.#clock.now();
    const before = new Date(now.getTime() + REMINDER_DAYS * 86_400_000);
    return this.#db.transaction(async (tx) => {
      if (!(await this.#mail.isConfigured(tx))) return 0;
      const provider = await this.#notifications.recipient(tx);
      if (!provider) return 0;
      const due = await repo.lockTermsToRemind(tx, before, REMINDER_BATCH);
      for (const r of due) {
        if (!r.customerId) continue;
        await this.#mail.enqueue(tx, {
          to: provider.email,
          locale: provider.locale,
          template: 'project-key-term-ending',
          params: {
            companyName: await companyNameOf(tx, r.customerId),
            keyId: r.keyId,
            ips: r.ips,
            termEndsAt: r.termEndsAt.toISOString(),
          },
        });
      }
      await repo.markReminded(
        tx,
        due.map((r) => r.keyId),
        now,
      );
      return due.length;
    });
  }
}

import type { Locale, NotificationSettingsView } from '@vmsp/contracts';
import { z } from 'zod';
import type { Database, Executor } from '../../db/connection.ts';
import { findSetting, upsertSetting } from '../../db/settings.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { UsersService } from '../users/users.service.ts';

const KEY = 'notifications';
const Stored = z.object({ address: z.string().nullable() });

/**
 * The provider's notification address: a setting, or the first active admin while none is set, so that
 * a fresh portal notifies someone without being configured.
 */
export class NotificationsService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #audit: AuditService;
  readonly #users: UsersService;

  constructor(deps: { db: Database; clock: Clock; audit: AuditService; users: UsersService }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#audit = deps.audit;
    this.#users = deps.users;
  }

  /** Who gets the provider's notifications now, in which language; null when nobody can. */
  async recipient(executor: Executor): Promise<{ email: string; locale: Locale } | null> {
    const { address } = await this.#load(executor);
    const [firstAdmin] = (await this.#users.listAdmins(executor)).filter((a) => a.status === 'active');
    if (address) return { email: address, locale: firstAdmin?.locale ?? 'en' };
    return firstAdmin ? { email: firstAdmin.email, locale: firstAdmin.locale } : null;
  }

  async view(executor: Executor = this.#db): Promise<NotificationSettingsView> {
    const { address } = await this.#load(executor);
    return { address, effectiveAddress: (await this.recipient(executor))?.email ?? null };
  }

  async save(actor: Actor, input: { address: string | null }): Promise<NotificationSettingsView> {
    await this.#db.transaction(async (tx) => {
      const before = await this.#load(tx);
      await upsertSetting(tx, KEY, { address: input.address }, this.#clock.now());
      await this.#audit.record(tx, {
        actor,
        action: 'notification-settings.changed',
        objectType: 'settings',
        objectId: KEY,
        before,
        after: { address: input.address },
      });
    });
    return this.view();
  }

  async #load(executor: Executor): Promise<{ address: string | null }> {
    const parsed = Stored.safeParse(await findSetting(executor, KEY, { forUpdate: false }));
    return parsed.success ? parsed.data : { address: null };
  }
}

import { SelfServiceSettings } from '@vmsp/contracts';
import type { Database, Executor } from '../../db/connection.ts';
import { findSetting, upsertSetting } from '../../db/settings.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';

const KEY = 'self-service';
/** Self-registration is closed until an admin opens it. */
const DEFAULTS: SelfServiceSettings = { registrationEnabled: false };

/** The Self-Service settings: whether anyone may register a self-service customer account. */
export class SelfServiceService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #audit: AuditService;

  constructor(deps: { db: Database; clock: Clock; audit: AuditService }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#audit = deps.audit;
  }

  async getSettings(
    executor: Executor = this.#db,
    options = { forUpdate: false },
  ): Promise<SelfServiceSettings> {
    const stored = SelfServiceSettings.safeParse(await findSetting(executor, KEY, options));
    return stored.success ? stored.data : DEFAULTS;
  }

  /** Read inside the caller's transaction, so a sign-up and a closing of registration cannot interleave. */
  async isRegistrationOpen(executor: Executor): Promise<boolean> {
    return (await this.getSettings(executor, { forUpdate: true })).registrationEnabled;
  }

  async saveSettings(actor: Actor, next: SelfServiceSettings): Promise<SelfServiceSettings> {
    return this.#db.transaction(async (tx) => {
      const before = await this.getSettings(tx, { forUpdate: true });
      await upsertSetting(tx, KEY, next, this.#clock.now());
      await this.#audit.record(tx, {
        actor,
        action: 'self-service-settings.changed',
        objectType: 'settings',
        objectId: KEY,
        before,
        after: next,
      });
      return next;
    });
  }
}

import { type OnboardingResponse, OnboardingStepId } from '@vmsp/contracts';
import { z } from 'zod';
import type { Database, Executor } from '../../db/connection.ts';
import { findSetting, upsertSetting } from '../../db/settings.ts';
import type { Clock } from '../../lib/clock.ts';

const KEY = 'onboarding';
const Completed = z.object({ completedAt: z.string() });

/** Each step's condition, asked of the module that owns its data. */
export type OnboardingChecks = Record<OnboardingStepId, (executor: Executor) => Promise<boolean>>;

/**
 * The first-steps checklist of a fresh install (issue 14, item 7). Every step is read from the data it is about,
 * so it ticks itself however the admin did it. Once all steps were done the install is set up: that is stored,
 * the checklist does not come back when a step's data changes later (the last customer deleted, a new mail
 * server not yet tested), and the Dashboard reads one setting instead of five conditions from then on.
 */
export class OnboardingService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #checks: OnboardingChecks;

  constructor(deps: { db: Database; clock: Clock; checks: OnboardingChecks }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#checks = deps.checks;
  }

  async status(): Promise<OnboardingResponse> {
    const ids = OnboardingStepId.options;
    if (Completed.safeParse(await findSetting(this.#db, KEY, { forUpdate: false })).success) {
      return { steps: ids.map((id) => ({ id, done: true })), complete: true };
    }
    const steps = await Promise.all(ids.map(async (id) => ({ id, done: await this.#checks[id](this.#db) })));
    const complete = steps.every((step) => step.done);
    if (complete) await this.recordSetUp();
    return { steps, complete };
  }

  /**
   * Records the install as set up, kept when recorded already: by the checklist once every step is done, and
   * by the demo seed whatever its steps' data say (its mail goes to the Mail Log, so it never delivers the test
   * mail the mail-server step waits for, and a demo is meant to look like a portal in use).
   */
  async recordSetUp(): Promise<void> {
    await this.#db.transaction(async (tx) => {
      if (Completed.safeParse(await findSetting(tx, KEY, { forUpdate: true })).success) return;
      await upsertSetting(tx, KEY, { completedAt: this.#clock.now().toISOString() }, this.#clock.now());
    });
  }
}

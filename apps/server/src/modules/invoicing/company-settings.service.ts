import { CompanySettings, type CompanySettingsView, type InvoicingStatus } from '@vmsp/contracts';
import type { Database, Executor } from '../../db/connection.ts';
import { findSetting, upsertSetting } from '../../db/settings.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import {
  auditView,
  checkedCompanySettings,
  DEFAULT_COMPANY_SETTINGS,
  describeMissing,
  missingFields,
} from './company-settings.rules.ts';

const KEY = 'company';

/**
 * Settings → Company: the provider as the issuer of its invoices (seller data, bank account, VAT rate, payment
 * term, number pattern, logo). Invoicing is off until every field an invoice needs is filled in.
 */
export class CompanySettingsService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #audit: AuditService;

  constructor(deps: { db: Database; clock: Clock; audit: AuditService }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#audit = deps.audit;
  }

  async view(): Promise<CompanySettingsView> {
    return viewOf(await this.#load(this.#db));
  }

  async status(): Promise<InvoicingStatus> {
    const missing = missingFields(await this.#load(this.#db));
    return { enabled: missing.length === 0, missing };
  }

  /** Checks and stores the page (it may be saved half done: invoicing then stays off), with an audit entry. */
  async save(actor: Actor, input: CompanySettings): Promise<CompanySettingsView> {
    const next = checkedCompanySettings(CompanySettings.parse(input));
    return this.#db.transaction(async (tx) => {
      const before = await this.#load(tx, { forUpdate: true });
      await upsertSetting(tx, KEY, next, this.#clock.now());
      await this.#audit.record(tx, {
        actor,
        action: 'company-settings.changed',
        objectType: 'settings',
        objectId: KEY,
        before: auditView(before),
        after: auditView(next),
      });
      return viewOf(next);
    });
  }

  /**
   * The settings an invoice is issued with, read in the issuer's transaction; refused with
   * INVOICING_NOT_CONFIGURED, naming what is missing, while the page is incomplete.
   */
  async requireComplete(executor: Executor): Promise<CompanySettings> {
    const settings = await this.#load(executor);
    const missing = missingFields(settings);
    if (missing.length) {
      throw new AppError(
        'INVOICING_NOT_CONFIGURED',
        409,
        `Invoicing is off until Settings → Company is complete. Missing: ${describeMissing(missing)}.`,
        { field: missing[0] },
      );
    }
    return settings;
  }

  async #load(executor: Executor, options = { forUpdate: false }): Promise<CompanySettings> {
    const stored = CompanySettings.safeParse(await findSetting(executor, KEY, options));
    return stored.success ? stored.data : DEFAULT_COMPANY_SETTINGS;
  }
}

function viewOf(settings: CompanySettings): CompanySettingsView {
  const missing = missingFields(settings);
  return { settings, complete: missing.length === 0, missing };
}

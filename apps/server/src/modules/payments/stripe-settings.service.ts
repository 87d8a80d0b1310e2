import type { SaveStripeSettingsRequest, StripeSettingsView } from '@vmsp/contracts';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database, Executor } from '../../db/connection.ts';
import { findSetting, upsertSetting } from '../../db/settings.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import type { SecretBox } from '../../lib/secret-box.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import { StripeRejected, StripeUnavailable } from './stripe-errors.ts';
import { StripeGateway } from './stripe-gateway.ts';

const KEY = 'stripe';

/** The document under settings key 'stripe'. Secrets exist here only sealed by SecretBox. */
const Stored = z.object({
  secretKeySealed: z.string(),
  secretKeyHint: z.string(),
  publishableKey: z.string(),
  webhookSecretSealed: z.string().nullable(),
  accountId: z.string(),
  livemode: z.boolean(),
  checkedAt: z.string(),
});
type Stored = z.infer<typeof Stored>;

const stripeNotConfigured = () =>
  new AppError(
    'STRIPE_NOT_CONFIGURED',
    409,
    'Card payments need the Stripe keys: enter them under Settings → Stripe.',
  );

export const stripeUnavailable = () =>
  new AppError(
    'STRIPE_UNAVAILABLE',
    503,
    'Stripe cannot be reached at the moment. Try again in a few minutes.',
  );

/**
 * Settings → Stripe: the secret key (ApiKey), the publishable key (Public Access Key) and the webhook
 * signing secret. Keys are stored only after Stripe accepted them; secrets are never returned.
 */
export class StripeSettingsService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #audit: AuditService;
  readonly #secrets: SecretBox;
  readonly #config: Pick<Config, 'publicUrl' | 'stripeApiBase'>;

  constructor(deps: {
    db: Database;
    clock: Clock;
    audit: AuditService;
    secrets: SecretBox;
    config: Pick<Config, 'publicUrl' | 'stripeApiBase'>;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#audit = deps.audit;
    this.#secrets = deps.secrets;
    this.#config = deps.config;
  }

  async view(executor: Executor = this.#db): Promise<StripeSettingsView> {
    return this.#toView(await this.#load(executor));
  }

  /** Whether card payments can run: keys checked and stored. */
  async isConfigured(executor: Executor): Promise<boolean> {
    return (await this.#load(executor)) !== null;
  }

  /** A client for the stored keys, or STRIPE_NOT_CONFIGURED. */
  async gateway(executor: Executor = this.#db): Promise<StripeGateway> {
    const stored = await this.#load(executor);
    if (!stored) throw stripeNotConfigured();
    return this.#client(this.#secrets.open(stored.secretKeySealed));
  }

  /** The webhook signing secret, or null while none is stored (then every webhook is refused). */
  async webhookSecret(executor: Executor = this.#db): Promise<string | null> {
    const stored = await this.#load(executor);
    return stored?.webhookSecretSealed ? this.#secrets.open(stored.webhookSecretSealed) : null;
  }

  /**
   * `Save`: checks the secret key with Stripe (the typed one, or the stored one when left out) and stores the
   * settings only when Stripe accepts it; a refusal answers Stripe's own message at the ApiKey field.
   */
  async save(actor: Actor, input: z.output<typeof SaveStripeSettingsRequest>): Promise<StripeSettingsView> {
    const before = await this.#load(this.#db);
    const secretKey = input.secretKey ?? (before ? this.#secrets.open(before.secretKeySealed) : undefined);
    if (!secretKey) throw invalid('secretKey', 'Enter the secret key (ApiKey).', { rule: 'required' });
    const keyMode = secretKey.includes('_live_');
    if (input.publishableKey.startsWith('pk_live_') !== keyMode) {
      throw invalid(
        'publishableKey',
        'The publishable key must be of the same mode (test or live) as the secret key.',
        { rule: 'stripe-key-mode-mismatch' },
      );
    }
    let account: { accountId: string; livemode: boolean };
    try {
      account = await this.#client(secretKey).checkKeys();
    } catch (error) {
      if (error instanceof StripeRejected) {
        throw invalid('secretKey', `Stripe refused the key: ${error.message}`, 'STRIPE_REJECTED');
      }
      if (error instanceof StripeUnavailable) throw stripeUnavailable();
      throw error;
    }
    const webhookSecretSealed = input.webhookSecret
      ? this.#secrets.seal(input.webhookSecret)
      : (before?.webhookSecretSealed ?? null);
    const next: Stored = {
      secretKeySealed: this.#secrets.seal(secretKey),
      secretKeyHint: secretKey.slice(-4),
      publishableKey: input.publishableKey,
      webhookSecretSealed,
      accountId: account.accountId,
      livemode: account.livemode,
      checkedAt: this.#clock.now().toISOString(),
    };
    await this.#db.transaction(async (tx) => {
      await upsertSetting(tx, KEY, next, this.#clock.now());
      await this.#audit.record(tx, {
        actor,
        action: 'stripe-settings.changed',
        objectType: 'settings',
        objectId: KEY,
        before: before ? this.#toView(before) : null,
        after: this.#toView(next),
      });
    });
    return this.#toView(next);
  }

  #client(secretKey: string): StripeGateway {
    return new StripeGateway({ secretKey, apiBase: this.#config.stripeApiBase, clock: this.#clock });
  }

  async #load(executor: Executor): Promise<Stored | null> {
    const parsed = Stored.safeParse(await findSetting(executor, KEY, { forUpdate: false }));
    return parsed.success ? parsed.data : null;
  }

  #toView(stored: Stored | null): StripeSettingsView {
    return {
      publishableKey: stored?.publishableKey ?? null,
      secretKeySet: stored !== null,
      secretKeyHint: stored?.secretKeyHint ?? null,
      webhookSecretSet: Boolean(stored?.webhookSecretSealed),
      accountId: stored?.accountId ?? null,
      checkedAt: stored?.checkedAt ?? null,
      mode: stored ? (stored.livemode ? 'live' : 'test') : null,
      webhookUrl: `${this.#config.publicUrl}/api/stripe/webhook`,
    };
  }
}

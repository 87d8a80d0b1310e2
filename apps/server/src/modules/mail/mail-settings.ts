import { MailEncryption, type MailSettings, MailTransport, SaveMailSettingsRequest } from '@vmsp/contracts';
import { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { findSetting, upsertSetting } from '../../db/settings.ts';
import { invalid } from '../../lib/errors.ts';
import type { SecretBox } from '../../lib/secret-box.ts';
import { validationRuleOf } from '../../lib/validation-rule.ts';
import { anyTestMailDelivered } from './mail.repository.ts';

const SETTINGS_KEY = 'mail';

/** The document stored under settings key 'mail'. The password exists here only sealed by SecretBox. */
export const StoredMailSettings = z.object({
  transport: MailTransport,
  host: z.string(),
  port: z.number().int(),
  encryption: MailEncryption,
  username: z.string(),
  passwordSealed: z.string().nullable(),
  fromAddress: z.string(),
  fromName: z.string(),
});
export type StoredMailSettings = z.infer<typeof StoredMailSettings>;

export const DEFAULT_MAIL_SETTINGS: StoredMailSettings = {
  transport: 'none',
  host: '',
  port: 587,
  encryption: 'starttls',
  username: '',
  passwordSealed: null,
  fromAddress: '',
  fromName: '',
};

export type SaveMailSettingsInput = z.output<typeof SaveMailSettingsRequest>;

export async function loadMailSettings(
  executor: Executor,
  options: { forUpdate: boolean } = { forUpdate: false },
): Promise<StoredMailSettings> {
  const value = await findSetting(executor, SETTINGS_KEY, options);
  return value === undefined ? DEFAULT_MAIL_SETTINGS : StoredMailSettings.parse(value);
}

/**
 * Whether mails go to an SMTP server that has accepted a test mail: the first-steps checklist's first step. Given
 * to the onboarding module by app.ts, as a function, so that it does not import mail.
 */
export async function smtpTested(executor: Executor): Promise<boolean> {
  return (await loadMailSettings(executor)).transport === 'smtp' && (await anyTestMailDelivered(executor));
}

export async function storeMailSettings(
  executor: Executor,
  value: StoredMailSettings,
  now: Date,
): Promise<void> {
  await upsertSetting(executor, SETTINGS_KEY, StoredMailSettings.parse(value), now);
}

/** What the browser and the audit log see: whether a password is stored, never the password or its ciphertext. */
export function toMailSettings(stored: StoredMailSettings): MailSettings {
  const { passwordSealed, ...rest } = stored;
  return { ...rest, passwordSet: passwordSealed !== null };
}

/**
 * Validates a save request that did not come through the HTTP schema (the route's body is already
 * parsed; other callers are not) and names the first offending field, as the HTTP layer does.
 */
export function parseSaveRequest(input: unknown): SaveMailSettingsInput {
  const parsed = SaveMailSettingsRequest.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const broken =
    issue && validationRuleOf({ keyword: issue.code, message: issue.message, params: { ...issue } });
  // A refinement of the schema's own has no known rule: it is at least not a valid value.
  throw invalid(
    issue?.path.join('.') || 'transport',
    issue?.message ?? 'The mail settings are not valid.',
    broken ?? { rule: 'invalid-type' },
  );
}

/**
 * The new stored document after a save. For SMTP an omitted or null password keeps the stored one and
 * '' removes it. Switching to 'none' or 'log' keeps the SMTP fields, so switching back does not mean
 * typing them (and the password) again.
 */
export function applySave(
  stored: StoredMailSettings,
  input: SaveMailSettingsInput,
  secrets: SecretBox,
): StoredMailSettings {
  if (input.transport !== 'smtp') {
    return {
      ...stored,
      transport: input.transport,
      fromAddress: input.fromAddress ?? stored.fromAddress,
      fromName: input.fromName ?? stored.fromName,
    };
  }
  const passwordSealed =
    input.password === undefined || input.password === null
      ? stored.passwordSealed
      : input.password === ''
        ? null
        : secrets.seal(input.password);
  if (passwordSealed !== null && input.username === '') {
    // A password without a user name cannot log in; catching it here beats a puzzling error at the first mail.
    throw invalid('username', 'Enter the user name that goes with the password, or remove the password.', {
      rule: 'username-for-password',
    });
  }
  return {
    transport: 'smtp',
    host: input.host,
    port: input.port,
    encryption: input.encryption,
    username: input.username,
    passwordSealed,
    fromAddress: input.fromAddress,
    fromName: input.fromName,
  };
}

export interface Sender {
  name: string;
  address: string;
}

/** Settings ready to send with: the password opened. Built only at the moment of sending. */
export type DeliverySettings =
  | { transport: 'none' }
  | { transport: 'log'; from: Sender }
  | {
      transport: 'smtp';
      host: string;
      port: number;
      encryption: MailEncryption;
      username: string;
      password: string | null;
      from: Sender;
    };

export function toDeliverySettings(stored: StoredMailSettings, secrets: SecretBox): DeliverySettings {
  const from = { name: stored.fromName, address: stored.fromAddress };
  if (stored.transport === 'none') return { transport: 'none' };
  if (stored.transport === 'log') return { transport: 'log', from };
  let password: string | null = null;
  if (stored.passwordSealed !== null) {
    try {
      password = secrets.open(stored.passwordSealed);
    } catch {
      // Happens when APP_SECRET changed since the password was saved; the admin can fix it by saving it again.
      throw new Error(
        'The stored SMTP password cannot be decrypted. Enter it again in Settings → Mail Server.',
      );
    }
  }
  return {
    transport: 'smtp',
    host: stored.host,
    port: stored.port,
    encryption: stored.encryption,
    username: stored.username,
    password,
    from,
  };
}

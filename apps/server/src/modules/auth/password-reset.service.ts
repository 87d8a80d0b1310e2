import type { RequestPasswordResetRequest, ResetPasswordRequest } from '@vmsp/contracts';
import type { Config } from '../../config.ts';
import type { Database, Executor } from '../../db/connection.ts';
import { hashPassword } from '../../lib/passwords.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { MailService } from '../mail/mail.service.ts';
import {
  assertAcceptablePassword,
  linkNoLongerValid,
  type UserRow,
  type UsersService,
} from '../users/users.service.ts';
import type { AuthService } from './auth.service.ts';

/** a reset link is valid for one hour. */
const LINK_TTL_MS = 3_600_000;
/**
 * Reset mails to one address per hour. The route's per-client limit alone would let many clients flood
 * one inbox; past this count requests still get the usual answer, but no mail.
 */
const MAILS_PER_ADDRESS = 3;
const ADDRESS_WINDOW_MS = 3_600_000;

/**
 * "Forgot your password?" for admins and customer users alike: a single-use, one-hour link by
 * mail, then a new password that ends every session of the user.
 */
export class PasswordResetService {
  readonly #db: Database;
  readonly #config: Pick<Config, 'publicUrl'>;
  readonly #users: UsersService;
  readonly #auth: AuthService;
  readonly #mail: MailService;
  readonly #audit: AuditService;

  constructor(deps: {
    db: Database;
    config: Pick<Config, 'publicUrl'>;
    users: UsersService;
    auth: AuthService;
    mail: MailService;
    audit: AuditService;
  }) {
    this.#db = deps.db;
    this.#config = deps.config;
    this.#users = deps.users;
    this.#auth = deps.auth;
    this.#mail = deps.mail;
    this.#audit = deps.audit;
  }

  /**
   * Mails a reset link when the address belongs to a user who may use one. The caller answers the same
   * in every case, so nobody learns which addresses exist; every request takes the same path (look-up,
   * throttle count, mail-server check) and only the known address goes on to the token and the mail.
   * `mailConfigured` is for the operator's log, never for the client.
   */
  async request(input: RequestPasswordResetRequest): Promise<{ mailConfigured: boolean }> {
    return this.#db.transaction(async (tx) => {
      const user = await this.#users.findByEmail(tx, input.email);
      const allowed = await this.#auth.allowResetMail(tx, input.email, MAILS_PER_ADDRESS, ADDRESS_WINDOW_MS);
      const mailConfigured = await this.#mail.isConfigured(tx);
      // Only an active user: an invited one has no password yet, a disabled one may not sign in anyway.
      if (!mailConfigured || user?.status !== 'active' || !allowed) {
        return { mailConfigured };
      }
      const { token, expiresAt } = await this.#users.issueToken(tx, 'password-reset', user.id, LINK_TTL_MS);
      await this.#mail.enqueue(tx, {
        to: user.email,
        locale: user.locale,
        template: 'password-reset',
        params: {
          resetUrl: `${this.#config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`,
          expiresAt: expiresAt.toISOString(),
        },
      });
      return { mailConfigured };
    });
  }

  /** The address a usable link resets, for the page to show; TOKEN_INVALID otherwise. */
  async info(token: string): Promise<{ email: string }> {
    const user = await this.#userOfLink(this.#db, token, { lock: false });
    return { email: user.email };
  }

  /**
   * Sets the new password through the link (single-use) and ends every session of the user, so that
   * whoever knew the old password is out. It does not sign the user in: a stolen link alone then yields
   * no session, and the user proves the new password at the sign-in page like any other time.
   */
  async complete(input: ResetPasswordRequest, meta: { ip: string }): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const user = await this.#userOfLink(tx, input.token, { lock: true });
      assertAcceptablePassword(input.password, input.passwordConfirmation, [user.email]);
      await this.#users.update(tx, user.id, { passwordHash: await hashPassword(input.password) });
      await this.#users.markTokenUsed(tx, input.token);
      const sessionsEnded = await this.#auth.revokeAll(tx, user.id);
      await this.#auth.clearSignInFailures(tx, user.email);
      await this.#audit.record(tx, {
        actor: { id: user.id, email: user.email, ip: meta.ip },
        action: 'user.password-reset',
        objectType: 'user',
        objectId: user.id,
        after: { sessionsEnded },
      });
    });
  }

  /** The user behind an unused, unexpired reset link, who may still sign in as far as their own status goes. */
  async #userOfLink(executor: Executor, token: string, options: { lock: boolean }): Promise<UserRow> {
    const row = await this.#users.findUsableToken(executor, token, options);
    const user =
      row?.purpose === 'password-reset' && row.userId
        ? await this.#users.findById(executor, row.userId)
        : undefined;
    if (user?.status !== 'active') throw linkNoLongerValid();
    return user;
  }
}

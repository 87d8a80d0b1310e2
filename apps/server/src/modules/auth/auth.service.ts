import type { SessionUser } from '@vmsp/contracts';
import type { Config } from '../../config.ts';
import type { Database, Executor, Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { timingDummyHash, verifyPassword } from '../../lib/passwords.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { UserRow, UsersService } from '../users/users.service.ts';
import * as repo from './sessions.repository.ts';

export interface SignedIn {
  token: string;
  user: SessionUser;
  expiresAt: Date;
}

/** The signed-in user behind a request, as the route guards and services see it. */
export interface Principal extends SessionUser {
  sessionHash: string;
}

const TOUCH_EVERY_MS = 60_000;

export function toSessionUser(user: UserRow): SessionUser {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    locale: user.locale,
    customerId: user.customerId,
  };
}

/** Why a user may not sign in, or null: their own state, then their customer account's. */
function refusal(user: UserRow, customer: repo.CustomerAccess): AppError | null {
  if (user.status === 'disabled') return new AppError('ACCOUNT_DISABLED', 403, 'This account is disabled.');
  // A self-registered user has a password but has not confirmed the e-mail yet.
  if (user.status === 'invited' && user.passwordHash) {
    return new AppError(
      'EMAIL_NOT_VERIFIED',
      403,
      'Confirm your e-mail address first: follow the link we sent you.',
    );
  }
  if (user.status !== 'active' || !user.passwordHash) return invalidCredentials();
  if (customer?.locked)
    return new AppError('ACCOUNT_LOCKED', 403, 'This account is locked. Contact your provider.');
  if (customer?.status === 'deleting') {
    return new AppError('ACCOUNT_DELETING', 403, 'This account is being deleted and can no longer be used.');
  }
  if (user.role === 'customer' && !customer) return invalidCredentials();
  return null;
}

const invalidCredentials = () =>
  new AppError('INVALID_CREDENTIALS', 401, 'The e-mail address or the password is wrong.');

export class AuthService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #config: Pick<Config, 'session' | 'signIn'>;
  readonly #users: UsersService;
  readonly #audit: AuditService;

  constructor(deps: {
    db: Database;
    clock: Clock;
    config: Pick<Config, 'session' | 'signIn'>;
    users: UsersService;
    audit: AuditService;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#config = deps.config;
    this.#users = deps.users;
    this.#audit = deps.audit;
  }

  /**
   * Checks the password and opens a session. Failed attempts are counted per account and per client
   * address in the database (shared by all instances); past the limit the answer is 429 with the seconds
   * to wait. An unknown address and a wrong password get the same answer, in about the same time.
   */
  async signIn(input: {
    email: string;
    password: string;
    ip: string;
    userAgent: string | null;
  }): Promise<SignedIn> {
    const now = this.#clock.now();
    const windowMs = this.#config.signIn.windowMinutes * 60_000;
    const accountKey = accountThrottleKey(input.email);
    const ipKey = `sign-in:ip:${input.ip}`;
    await this.#refuseWhenThrottled(accountKey, this.#config.signIn.maxPerAccount, now);
    await this.#refuseWhenThrottled(ipKey, this.#config.signIn.maxPerIp, now);

    const user = await this.#users.findByEmail(this.#db, input.email);
    const passwordOk = user?.passwordHash
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyPassword(await timingDummyHash, input.password).then(() => false);
    if (!user || !passwordOk) {
      await repo.hitBucket(this.#db, accountKey, now, windowMs);
      await repo.hitBucket(this.#db, ipKey, now, windowMs);
      throw invalidCredentials();
    }
    const refused = refusal(user, await repo.findCustomerAccess(this.#db, user.customerId));
    if (refused) throw refused;

    const token = newToken();
    const expiresAt = new Date(now.getTime() + this.#config.session.absoluteHours * 3_600_000);
    await this.#db.transaction(async (tx) => {
      await repo.deleteBucket(tx, accountKey);
      await repo.insertSession(tx, {
        tokenHash: hashToken(token),
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 512) ?? null,
      });
      if (user.role === 'admin') {
        await this.#audit.record(tx, {
          actor: { id: user.id, email: user.email, ip: input.ip },
          action: 'session.signed-in',
          objectType: 'session',
          objectId: user.id,
        });
      }
    });
    return { token, user: toSessionUser(user), expiresAt };
  }

  /** Opens a session for a user who just proved who they are (completed a setup or invitation link). */
  async openSession(
    executor: Executor,
    user: UserRow,
    meta: { ip: string; userAgent: string | null },
  ): Promise<SignedIn> {
    const now = this.#clock.now();
    const token = newToken();
    const expiresAt = new Date(now.getTime() + this.#config.session.absoluteHours * 3_600_000);
    await repo.insertSession(executor, {
      tokenHash: hashToken(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
    });
    return { token, user: toSessionUser(user), expiresAt };
  }

  /**
   * The user behind a session token, or null when the session is unknown, idle too long, past its
   * absolute expiry, or its user may no longer sign in. Checked on every request, so a revoked or
   * disabled account stops working at once. `lookedUp` is the session as the request already read it (the
   * rate limit counts the request in the same statement); without it the session is read here.
   */
  async resolve(
    token: string,
    lookedUp?: Promise<repo.SessionWithUser | undefined>,
  ): Promise<Principal | null> {
    const tokenHash = hashToken(token);
    const found = await (lookedUp ?? repo.findSessionWithUser(this.#db, tokenHash));
    if (!found) return null;
    const now = this.#clock.now().getTime();
    const idleLimit = found.session.lastSeenAt.getTime() + this.#config.session.idleMinutes * 60_000;
    if (now >= found.session.expiresAt.getTime() || now >= idleLimit || refusal(found.user, found.customer)) {
      await repo.deleteSession(this.#db, tokenHash);
      return null;
    }
    if (now - found.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await repo.touchSession(this.#db, tokenHash, new Date(now));
    }
    return { ...toSessionUser(found.user), sessionHash: tokenHash };
  }

  async signOut(token: string): Promise<void> {
    await repo.deleteSession(this.#db, hashToken(token));
  }

  /** Ends every session of a user at once (disable, lock, delete, password reset). */
  async revokeAll(executor: Executor, userId: string): Promise<number> {
    return repo.deleteSessionsOfUser(executor, userId);
  }

  /**
   * Counts a password-reset request for an address in the throttling buckets every instance shares; true
   * while the address is within `max` mails in the last `windowMs`.
   */
  async allowResetMail(tx: Tx, email: string, max: number, windowMs: number): Promise<boolean> {
    const key = `password-reset:address:${email.toLowerCase()}`;
    const sent = await repo.hitBucket(tx, key, this.#clock.now(), windowMs);
    return sent.count <= max;
  }

  /** A new password ends the account's sign-in throttling: failures with the old one no longer count. */
  async clearSignInFailures(executor: Executor, email: string): Promise<void> {
    await repo.deleteBucket(executor, accountThrottleKey(email));
  }

  async updateLocale(userId: string, locale: SessionUser['locale']): Promise<void> {
    await this.#users.update(this.#db, userId, { locale });
  }

  async #refuseWhenThrottled(key: string, max: number, now: Date): Promise<void> {
    const bucket = await repo.findBucket(this.#db, key);
    if (bucket && bucket.resetAt > now && bucket.count >= max) {
      const retryAfter = Math.max(1, Math.ceil((bucket.resetAt.getTime() - now.getTime()) / 1000));
      throw new AppError(
        'RATE_LIMITED',
        429,
        `Too many sign-in attempts. Try again in ${retryAfter} seconds.`,
        {
          headers: { 'retry-after': String(retryAfter) },
        },
      );
    }
  }
}

const accountThrottleKey = (email: string) => `sign-in:account:${email.toLowerCase()}`;

import { judgePassword } from '@vmsp/domain';
import type { Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, conflict, invalid } from '../../lib/errors.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import * as repo from './users.repository.ts';

export type { TokenPurpose, TokenRow, UserRow } from './users.repository.ts';

/** A single-use link that is unknown, used, replaced or expired. */
export const linkNoLongerValid = () =>
  new AppError('TOKEN_INVALID', 400, 'This link is no longer valid.', { field: 'token' });

/** Checks a new password against the portal's rule and its confirmation; throws a field error. */
export function assertAcceptablePassword(password: string, confirmation: string, userInputs: string[]): void {
  const verdict = judgePassword(password, userInputs);
  if (!verdict.ok) {
    throw invalid(
      'password',
      verdict.reason === 'too-short'
        ? 'The password must have at least 10 characters.'
        : 'This password is too easy to guess. Use a longer phrase of unrelated words.',
      'WEAK_PASSWORD',
    );
  }
  if (password !== confirmation) {
    throw invalid('passwordConfirmation', 'The passwords do not match.', 'PASSWORDS_DO_NOT_MATCH');
  }
}

/**
 * Users and their single-use links. Other modules (auth, admins, later customers and team) go through
 * this service; the rules about who may sign in live in auth, the rules about admins in admins.
 */
export class UsersService {
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  findByEmail = repo.findUserByEmail;
  findById = repo.findUserById;
  listAdmins = repo.listAdminRows;
  countByRole = repo.countUsersByRole;
  delete = repo.deleteUser;
  listOfCustomer = repo.listUsersOfCustomer;
  insertMany = repo.insertUsers;

  /** E-mail addresses are unique among all users, case-insensitively. */
  async assertEmailFree(executor: Executor, email: string, field: string): Promise<void> {
    if (await repo.findUserByEmail(executor, email)) {
      throw conflict('EMAIL_TAKEN', 'This e-mail address is already in use.', field);
    }
  }

  /**
   * Inserts a user. assertEmailFree answers the usual case with its field; this catches the rare one where two
   * requests take the same address at the same moment: the unique index refuses the second, which gets the same
   * EMAIL_TAKEN instead of a server error.
   */
  async create(
    executor: Executor,
    user: Omit<repo.NewUserRow, 'createdAt' | 'updatedAt'>,
  ): Promise<repo.UserRow> {
    const now = this.#clock.now();
    try {
      return await repo.insertUser(executor, { ...user, createdAt: now, updatedAt: now });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_lower_key')) {
        throw conflict('EMAIL_TAKEN', 'This e-mail address is already in use.');
      }
      throw error;
    }
  }

  async update(executor: Executor, id: string, patch: Partial<Omit<repo.NewUserRow, 'id' | 'createdAt'>>) {
    return repo.updateUser(executor, id, { ...patch, updatedAt: this.#clock.now() });
  }

  /** Issues a new link for the purpose; open links of the same purpose and user die with it. */
  async issueToken(
    executor: Executor,
    purpose: repo.TokenPurpose,
    userId: string | null,
    ttlMs: number,
  ): Promise<{ token: string; expiresAt: Date }> {
    await repo.deleteOpenTokens(executor, [purpose], userId);
    const token = newToken();
    const now = this.#clock.now();
    const expiresAt = new Date(now.getTime() + ttlMs);
    await repo.insertToken(executor, {
      tokenHash: hashToken(token),
      purpose,
      userId,
      createdAt: now,
      expiresAt,
    });
    return { token, expiresAt };
  }

  /** A link that exists, is unused and unexpired, or undefined. `lock` holds it for this transaction. */
  async findUsableToken(
    executor: Executor,
    token: string,
    options: { lock: boolean },
  ): Promise<repo.TokenRow | undefined> {
    const hash = hashToken(token);
    const row = options.lock
      ? await repo.findTokenForUpdate(executor, hash)
      : await repo.findToken(executor, hash);
    if (!row || row.usedAt || row.expiresAt.getTime() <= this.#clock.now().getTime()) return undefined;
    return row;
  }

  async markTokenUsed(executor: Executor, token: string): Promise<void> {
    await repo.markTokenUsed(executor, hashToken(token), this.#clock.now());
  }
}

/** A unique-constraint violation of `constraint`, as pg and PGlite report it (Drizzle may wrap it as the cause). */
function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: name } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505') return name === constraint;
  }
  return false;
}

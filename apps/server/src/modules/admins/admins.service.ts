import type { Admin, CompleteSetupRequest, InviteAdminResponse, SetupTokenInfo } from '@vmsp/contracts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/connection.ts';
import { AppError, conflict, invalid, notFound } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/passwords.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { AuthService, SignedIn } from '../auth/auth.service.ts';
import type { MailService } from '../mail/mail.service.ts';
import {
  assertAcceptablePassword,
  linkNoLongerValid,
  type UserRow,
  type UsersService,
} from '../users/users.service.ts';

const FIRST_ADMIN_LINK_TTL_MS = 24 * 3_600_000;
const ADMIN_INVITE_TTL_MS = 7 * 24 * 3_600_000;

export function toAdmin(user: UserRow): Admin {
  return {
    id: user.id,
    email: user.email,
    status: user.status === 'active' ? 'active' : 'invited',
    createdAt: user.createdAt.toISOString(),
  };
}

/**
 * The provider's administrators: the first one through a one-time setup link, further ones by invitation;
 * removing any but the last.
 */
export class AdminsService {
  readonly #db: Database;
  readonly #config: Pick<Config, 'publicUrl'>;
  readonly #users: UsersService;
  readonly #auth: AuthService;
  readonly #audit: AuditService;
  readonly #mail: MailService;

  constructor(deps: {
    db: Database;
    config: Pick<Config, 'publicUrl'>;
    users: UsersService;
    auth: AuthService;
    audit: AuditService;
    mail: MailService;
  }) {
    this.#db = deps.db;
    this.#config = deps.config;
    this.#users = deps.users;
    this.#auth = deps.auth;
    this.#audit = deps.audit;
    this.#mail = deps.mail;
  }

  /**
   * While no admin exists, issues a fresh first-admin link (the previous one dies) and returns its URL for
   * the start-up log; null once an admin exists.
   */
  async firstAdminSetupUrl(): Promise<string | null> {
    return this.#db.transaction(async (tx) => {
      if ((await this.#users.countByRole(tx, 'admin')) > 0) return null;
      const { token } = await this.#users.issueToken(tx, 'first-admin', null, FIRST_ADMIN_LINK_TTL_MS);
      return this.#setupUrl(token);
    });
  }

  async setupInfo(token: string): Promise<SetupTokenInfo> {
    const row = await this.#users.findUsableToken(this.#db, token, { lock: false });
    if (!row || (row.purpose !== 'first-admin' && row.purpose !== 'admin-invite')) throw linkNoLongerValid();
    if (row.purpose === 'first-admin') {
      if ((await this.#users.countByRole(this.#db, 'admin')) > 0) throw linkNoLongerValid();
      return { purpose: 'first-admin', email: null };
    }
    const user = row.userId ? await this.#users.findById(this.#db, row.userId) : undefined;
    if (!user) throw linkNoLongerValid();
    return { purpose: 'admin-invite', email: user.email };
  }

  /** Uses a setup or invitation link: the admin chooses a password and is signed in. Single-use. */
  async completeSetup(
    input: CompleteSetupRequest,
    meta: { ip: string; userAgent: string | null },
  ): Promise<SignedIn> {
    return this.#db.transaction(async (tx) => {
      const row = await this.#users.findUsableToken(tx, input.token, { lock: true });
      if (!row) throw linkNoLongerValid();
      let user: UserRow;
      if (row.purpose === 'first-admin') {
        const admins = await this.#users.listAdmins(tx, { forUpdate: true });
        if (admins.length > 0)
          throw new AppError('SETUP_ALREADY_DONE', 409, 'An administrator exists already. Sign in instead.');
        if (!input.email) throw invalid('email', 'Enter your e-mail address.', { rule: 'required' });
        await this.#users.assertEmailFree(tx, input.email, 'email');
        assertAcceptablePassword(input.password, input.passwordConfirmation, [input.email]);
        user = await this.#users.create(tx, {
          email: input.email,
          role: 'admin',
          status: 'active',
          passwordHash: await hashPassword(input.password),
        });
        await this.#audit.record(tx, {
          actor: { id: user.id, email: user.email, ip: meta.ip },
          action: 'admin.first-admin-created',
          objectType: 'admin',
          objectId: user.id,
          after: toAdmin(user),
        });
      } else if (row.purpose === 'admin-invite' && row.userId) {
        const invited = await this.#users.findById(tx, row.userId);
        if (invited?.status !== 'invited') throw linkNoLongerValid();
        assertAcceptablePassword(input.password, input.passwordConfirmation, [invited.email]);
        const updated = await this.#users.update(tx, invited.id, {
          status: 'active',
          passwordHash: await hashPassword(input.password),
        });
        if (!updated) throw linkNoLongerValid();
        user = updated;
        await this.#audit.record(tx, {
          actor: { id: user.id, email: user.email, ip: meta.ip },
          action: 'admin.invitation-accepted',
          objectType: 'admin',
          objectId: user.id,
          before: toAdmin(invited),
          after: toAdmin(user),
        });
      } else {
        throw linkNoLongerValid();
      }
      await this.#users.markTokenUsed(tx, input.token);
      return this.#auth.openSession(tx, user, meta);
    });
  }

  async list(): Promise<Admin[]> {
    return (await this.#users.listAdmins(this.#db)).map(toAdmin);
  }

  /** Invites another admin: the link is returned to show once, and mailed when a mail transport is set up. */
  async invite(actor: Actor, email: string): Promise<InviteAdminResponse> {
    return this.#db.transaction(async (tx) => {
      await this.#users.assertEmailFree(tx, email, 'email');
      const user = await this.#users.create(tx, {
        email,
        role: 'admin',
        status: 'invited',
        passwordHash: null,
      });
      const { token, expiresAt } = await this.#users.issueToken(
        tx,
        'admin-invite',
        user.id,
        ADMIN_INVITE_TTL_MS,
      );
      const inviteUrl = this.#setupUrl(token);
      const mailed = await this.#mail.isConfigured(tx);
      if (mailed) {
        await this.#mail.enqueue(tx, {
          to: email,
          locale: 'en',
          template: 'admin-invite',
          params: { inviteUrl, invitedBy: actor.email, expiresAt: expiresAt.toISOString() },
        });
      }
      await this.#audit.record(tx, {
        actor,
        action: 'admin.invited',
        objectType: 'admin',
        objectId: user.id,
        after: toAdmin(user),
      });
      return { admin: toAdmin(user), inviteUrl, mailed };
    });
  }

  /** Removes an admin and ends their sessions. Never oneself, never the last active admin. */
  async remove(actor: Actor, id: string): Promise<void> {
    if (id === actor.id)
      throw conflict('CANNOT_REMOVE_SELF', 'You cannot remove yourself. Ask another administrator.');
    await this.#db.transaction(async (tx) => {
      const admins = await this.#users.listAdmins(tx, { forUpdate: true });
      const target = admins.find((a) => a.id === id);
      if (!target) throw notFound('The administrator');
      const activeOthers = admins.filter((a) => a.id !== id && a.status === 'active');
      if (activeOthers.length === 0)
        throw conflict('LAST_ADMIN', 'The last administrator cannot be removed.');
      await this.#auth.revokeAll(tx, id);
      await this.#users.delete(tx, id);
      await this.#audit.record(tx, {
        actor,
        action: 'admin.removed',
        objectType: 'admin',
        objectId: id,
        before: toAdmin(target),
      });
    });
  }

  /**
   * `vmsp admin create`: with a password, an active admin at once; without, an invitation link to print.
   */
  async createFromCli(
    email: string,
    password: string | null,
  ): Promise<{ admin: Admin; inviteUrl: string | null }> {
    return this.#db.transaction(async (tx) => {
      await this.#users.assertEmailFree(tx, email, 'email');
      if (password !== null) assertAcceptablePassword(password, password, [email]);
      const user = await this.#users.create(tx, {
        email,
        role: 'admin',
        status: password === null ? 'invited' : 'active',
        passwordHash: password === null ? null : await hashPassword(password),
      });
      await this.#audit.record(tx, {
        actor: null,
        action: 'admin.created-from-cli',
        objectType: 'admin',
        objectId: user.id,
        after: toAdmin(user),
      });
      if (password !== null) return { admin: toAdmin(user), inviteUrl: null };
      const { token } = await this.#users.issueToken(tx, 'admin-invite', user.id, ADMIN_INVITE_TTL_MS);
      return { admin: toAdmin(user), inviteUrl: this.#setupUrl(token) };
    });
  }

  #setupUrl(token: string): string {
    return `${this.#config.publicUrl}/setup?token=${encodeURIComponent(token)}`;
  }
}

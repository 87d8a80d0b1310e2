import type {
  AcceptInvitationRequest,
  InvitationInfo,
  InviteMemberRequest,
  TeamMember,
  TeamResponse,
} from '@vmsp/contracts';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database, Executor, Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, conflict, invalid, notFound } from '../../lib/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { AuthService, SignedIn } from '../auth/auth.service.ts';
import { InvitationAcceptance } from '../customers/invitation-acceptance.ts';
import type { MailService } from '../mail/mail.service.ts';
import type { UserRow, UsersService } from '../users/users.service.ts';
import * as repo from './team.repository.ts';

/** The signed-in customer user who looks at or manages the team. */
export interface TeamCaller extends Actor {
  customerId: string;
}

type Customer = repo.TeamCustomer;

function toMember(u: UserRow, c: Customer, callerId: string): TeamMember {
  return {
    id: u.id,
    email: u.email,
    status: u.status,
    isMainUser: u.id === c.mainUserId,
    isYou: u.id === callerId,
    createdAt: u.createdAt.toISOString(),
  };
}

/** What the audit log keeps of a member before and after a change. */
const memberView = (u: Pick<UserRow, 'id' | 'email' | 'status'>) => ({
  userId: u.id,
  email: u.email,
  status: u.status,
});

const notMainUser = () =>
  new AppError('NOT_MAIN_USER', 403, 'Only the main user of your company can manage the team.');

/**
 * A customer's team in the portal and the main user's hand-over. Every member shares the
 * customer's subscription and permissions; managing the team and handing over the role are the main user's.
 * Each change locks the customer row first, so changes of one team, the hand-over included, run one after
 * the other and each sees who the main user is at that moment.
 */
export class TeamService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #config: Pick<Config, 'publicUrl' | 'invitationTtlDays'>;
  readonly #users: UsersService;
  readonly #auth: AuthService;
  readonly #mail: MailService;
  readonly #audit: AuditService;
  readonly #invitations: InvitationAcceptance;

  constructor(deps: {
    db: Database;
    clock: Clock;
    config: Pick<Config, 'publicUrl' | 'invitationTtlDays'>;
    users: UsersService;
    auth: AuthService;
    mail: MailService;
    audit: AuditService;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#config = deps.config;
    this.#users = deps.users;
    this.#auth = deps.auth;
    this.#mail = deps.mail;
    this.#audit = deps.audit;
    this.#invitations = new InvitationAcceptance(deps);
  }

  async team(caller: TeamCaller): Promise<TeamResponse> {
    const c = await repo.findTeamCustomer(this.#db, caller.customerId);
    if (!c) throw notFound('The company');
    return this.#team(this.#db, c, caller.id);
  }

  /** `+ New Invite` → `Send Invite`: a new invited member, and a single-use link mailed to them. */
  async invite(caller: TeamCaller, input: z.output<typeof InviteMemberRequest>): Promise<TeamMember> {
    return this.#manage(caller, async (tx, c) => {
      await this.#users.assertEmailFree(tx, input.email, 'email');
      const user = await this.#users.create(tx, {
        email: input.email,
        role: 'customer',
        status: 'invited',
        locale: input.locale,
        customerId: c.id,
        passwordHash: null,
      });
      await this.#sendInvitation(tx, c, user, caller);
      await this.#record(tx, caller, c, 'team.member-invited', null, memberView(user));
      return toMember(user, c, caller.id);
    });
  }

  /** A new link for an invited member; the old one dies. */
  async resendInvitation(caller: TeamCaller, userId: string): Promise<void> {
    await this.#manage(caller, async (tx, c) => {
      const member = await this.#invitedMember(tx, c, userId);
      await this.#sendInvitation(tx, c, member, caller);
      await this.#record(tx, caller, c, 'team.invitation-resent', null, memberView(member));
    });
  }

  /** Withdraws an open invitation: the invited user and its link are deleted. */
  async withdrawInvitation(caller: TeamCaller, userId: string): Promise<void> {
    await this.#manage(caller, async (tx, c) => {
      const member = await this.#invitedMember(tx, c, userId);
      // Its links and sessions go with it (foreign keys cascade).
      await this.#users.delete(tx, member.id);
      await this.#record(tx, caller, c, 'team.invitation-withdrawn', memberView(member), null);
    });
  }

  /** Disabling ends the member's sessions at once; sign-in then answers that the account is disabled. */
  async setEnabled(caller: TeamCaller, userId: string, enabled: boolean): Promise<TeamMember> {
    return this.#manage(caller, async (tx, c) => {
      const member = await this.#member(tx, c, userId);
      if (member.id === c.mainUserId) {
        throw invalid('userId', 'The main user cannot be disabled: hand the role to another member first.');
      }
      if (member.status === 'invited') {
        throw conflict(
          'ACTION_NOT_APPLICABLE',
          'An invited member cannot be enabled or disabled: withdraw the invitation instead.',
        );
      }
      const status = enabled ? 'active' : 'disabled';
      const updated = (await this.#users.update(tx, member.id, { status })) ?? member;
      if (!enabled) await this.#auth.revokeAll(tx, member.id);
      await this.#record(
        tx,
        caller,
        c,
        enabled ? 'team.member-enabled' : 'team.member-disabled',
        memberView(member),
        memberView(updated),
      );
      return toMember(updated, c, caller.id);
    });
  }

  /** Removes a member for good: the user, its sessions and links are deleted. */
  async remove(caller: TeamCaller, userId: string): Promise<void> {
    await this.#manage(caller, async (tx, c) => {
      const member = await this.#member(tx, c, userId);
      if (member.id === c.mainUserId) {
        throw conflict(
          'CANNOT_REMOVE_SELF',
          'The main user cannot be removed: hand the role to another member first.',
        );
      }
      await this.#users.delete(tx, member.id);
      await this.#record(tx, caller, c, 'team.member-removed', memberView(member), null);
    });
  }

  /**
   * The main user hands the role to an active member: main user and contact e-mail change together.
   * Of two hand-overs at once, the second waits for the row lock and then finds its caller no longer main user.
   */
  async handOver(caller: TeamCaller, userId: string): Promise<TeamResponse> {
    return this.#manage(caller, async (tx, c) => {
      const target = await this.#member(tx, c, userId);
      if (target.id === c.mainUserId) throw invalid('userId', 'This member is the main user already.');
      if (target.status !== 'active') {
        throw invalid(
          'userId',
          'Only an active member can become the main user: invited and disabled members cannot.',
          'MAIN_USER_NOT_ACTIVE',
        );
      }
      await repo.setMainUser(tx, c.id, target, this.#clock.now());
      await this.#record(
        tx,
        caller,
        c,
        'customer.main-user-changed',
        { mainUserId: c.mainUserId, contactEmail: c.contactEmail },
        { mainUserId: target.id, contactEmail: target.email },
      );
      return this.#team(tx, { ...c, mainUserId: target.id, contactEmail: target.email }, caller.id);
    });
  }

  /** What a team invitation link is for, as its page shows it. */
  async invitationInfo(token: string): Promise<InvitationInfo> {
    return this.#invitations.info('team-invite', token);
  }

  /** The invited member chooses a password through the link, becomes active and is signed in. Single-use. */
  async acceptInvitation(
    input: AcceptInvitationRequest,
    meta: { ip: string; userAgent: string | null },
  ): Promise<SignedIn> {
    return this.#invitations.accept('team-invite', input.token, meta, {
      password: { password: input.password, confirmation: input.passwordConfirmation },
      join: async (_tx, { user, active }) => ({
        action: 'team.member-joined',
        before: memberView(user),
        after: memberView(active),
      }),
    });
  }

  async #team(executor: Executor, c: Customer, callerId: string): Promise<TeamResponse> {
    const users = await this.#users.listOfCustomer(executor, c.id);
    return { members: users.map((u) => toMember(u, c, callerId)), canManage: c.mainUserId === callerId };
  }

  /** Runs a team change on the locked customer row, for its main user only. */
  async #manage<T>(caller: TeamCaller, change: (tx: Tx, c: Customer) => Promise<T>): Promise<T> {
    return this.#db.transaction(async (tx) => {
      const c = await repo.lockTeamCustomer(tx, caller.customerId);
      if (!c) throw notFound('The company');
      if (c.mainUserId !== caller.id) throw notMainUser();
      return change(tx, c);
    });
  }

  /** A user of this customer; users of other customers are as unknown as ids that do not exist. */
  async #member(tx: Tx, c: Customer, userId: string): Promise<UserRow> {
    const user = await this.#users.findById(tx, userId);
    if (user?.customerId !== c.id) throw notFound('The team member');
    return user;
  }

  async #invitedMember(tx: Tx, c: Customer, userId: string): Promise<UserRow> {
    const member = await this.#member(tx, c, userId);
    if (member.status !== 'invited') {
      throw conflict('ACTION_NOT_APPLICABLE', 'This member has accepted the invitation already.');
    }
    return member;
  }

  async #sendInvitation(tx: Tx, c: Customer, member: UserRow, invitedBy: Actor): Promise<void> {
    const { token, expiresAt } = await this.#users.issueToken(
      tx,
      'team-invite',
      member.id,
      this.#config.invitationTtlDays * 86_400_000,
    );
    await this.#mail.enqueue(tx, {
      to: member.email,
      locale: member.locale,
      template: 'team-invite',
      params: {
        inviteUrl: `${this.#config.publicUrl}/team-invitation?token=${encodeURIComponent(token)}`,
        companyName: c.companyName,
        invitedBy: invitedBy.email,
        expiresAt: expiresAt.toISOString(),
      },
    });
  }

  async #record(tx: Tx, actor: Actor, c: Customer, action: string, before: unknown, after: unknown) {
    await this.#audit.record(tx, { actor, action, objectType: 'customer', objectId: c.id, before, after });
  }
}

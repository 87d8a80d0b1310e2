import type {
  AcceptInvitationRequest,
  InvitationInfo,
  InviteMemberRequest,
  TeamMember,
} from '@vmsp/contracts';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Tx } from '../../db/connection.ts';
import type { Actor } from '../audit/audit.service.ts';
import type { SignedIn } from '../auth/auth.service.ts';
import type { InvitationAcceptance } from '../customers/invitation-acceptance.ts';
import type { TeamCustomer } from '../customers/main-user.service.ts';
import type { MailService } from '../mail/mail.service.ts';
import type { UserRow, UsersService } from '../users/users.service.ts';
import { memberView, type TeamAccess, type TeamCaller, toMember } from './team-access.ts';

/**
 * Invitations to a customer's team: the main user invites, resends and withdraws; the invited
 * member takes the link through the same acceptance as a customer's contact.
 */
export class TeamInvitationsService {
  readonly #access: TeamAccess;
  readonly #config: Pick<Config, 'publicUrl' | 'invitationTtlDays'>;
  readonly #users: UsersService;
  readonly #mail: MailService;
  readonly #invitations: InvitationAcceptance;

  constructor(deps: {
    access: TeamAccess;
    config: Pick<Config, 'publicUrl' | 'invitationTtlDays'>;
    users: UsersService;
    mail: MailService;
    invitations: InvitationAcceptance;
  }) {
    this.#access = deps.access;
    this.#config = deps.config;
    this.#users = deps.users;
    this.#mail = deps.mail;
    this.#invitations = deps.invitations;
  }

  /** `+ New Invite` → `Send Invite`: a new invited member, and a single-use link mailed to them. */
  async invite(caller: TeamCaller, input: z.output<typeof InviteMemberRequest>): Promise<TeamMember> {
    return this.#access.manage(caller, async (tx, c) => {
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
      await this.#access.record(tx, caller, c, 'team.member-invited', null, memberView(user));
      return toMember(user, c, caller.id);
    });
  }

  /** A new link for an invited member; the old one dies. */
  async resendInvitation(caller: TeamCaller, userId: string): Promise<void> {
    await this.#access.manage(caller, async (tx, c) => {
      const member = await this.#access.invitedMember(tx, c, userId);
      await this.#sendInvitation(tx, c, member, caller);
      await this.#access.record(tx, caller, c, 'team.invitation-resent', null, memberView(member));
    });
  }

  /** Withdraws an open invitation: the invited user and its link are deleted. */
  async withdrawInvitation(caller: TeamCaller, userId: string): Promise<void> {
    await this.#access.manage(caller, async (tx, c) => {
      const member = await this.#access.invitedMember(tx, c, userId);
      // Its links and sessions go with it (foreign keys cascade).
      await this.#users.delete(tx, member.id);
      await this.#access.record(tx, caller, c, 'team.invitation-withdrawn', memberView(member), null);
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

  async #sendInvitation(tx: Tx, c: TeamCustomer, member: UserRow, invitedBy: Actor): Promise<void> {
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
}

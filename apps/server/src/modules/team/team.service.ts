import type { TeamMember, TeamResponse } from '@vmsp/contracts';
import { conflict, invalid } from '../../lib/errors.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { MainUserService } from '../customers/main-user.service.ts';
import type { UsersService } from '../users/users.service.ts';
import { memberView, type TeamAccess, type TeamCaller, toMember } from './team-access.ts';

export type { TeamCaller } from './team-access.ts';

/**
 * A customer's team in the portal and the main user's hand-over. Every member shares the
 * customer's subscription and permissions; managing the team and handing over the role are the main user's.
 */
export class TeamService {
  readonly #access: TeamAccess;
  readonly #users: UsersService;
  readonly #auth: AuthService;
  readonly #customers: MainUserService;

  constructor(deps: {
    access: TeamAccess;
    users: UsersService;
    auth: AuthService;
    customers: MainUserService;
  }) {
    this.#access = deps.access;
    this.#users = deps.users;
    this.#auth = deps.auth;
    this.#customers = deps.customers;
  }

  async team(caller: TeamCaller): Promise<TeamResponse> {
    return this.#access.team(caller);
  }

  /** Disabling ends the member's sessions at once; sign-in then answers that the account is disabled. */
  async setEnabled(caller: TeamCaller, userId: string, enabled: boolean): Promise<TeamMember> {
    return this.#access.manage(caller, async (tx, c) => {
      const member = await this.#access.member(tx, c, userId);
      if (member.id === c.mainUserId) {
        throw invalid('userId', 'The main user cannot be disabled: hand the role to another member first.', {
          rule: 'main-user-cannot-be-disabled',
        });
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
      await this.#access.record(
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
    await this.#access.manage(caller, async (tx, c) => {
      const member = await this.#access.member(tx, c, userId);
      if (member.id === c.mainUserId) {
        throw conflict(
          'CANNOT_REMOVE_SELF',
          'The main user cannot be removed: hand the role to another member first.',
        );
      }
      await this.#users.delete(tx, member.id);
      await this.#access.record(tx, caller, c, 'team.member-removed', memberView(member), null);
    });
  }

  /**
   * The main user hands the role to an active member: main user and contact e-mail change together.
   * Of two hand-overs at once, the second waits for the row lock and then finds its caller no longer main user.
   */
  async handOver(caller: TeamCaller, userId: string): Promise<TeamResponse> {
    return this.#access.manage(caller, async (tx, c) => {
      const target = await this.#access.member(tx, c, userId);
      if (target.id === c.mainUserId)
        throw invalid('userId', 'This member is the main user already.', { rule: 'already-main-user' });
      if (target.status !== 'active') {
        throw invalid(
          'userId',
          'Only an active member can become the main user: invited and disabled members cannot.',
          'MAIN_USER_NOT_ACTIVE',
        );
      }
      await this.#customers.handOver(tx, c.id, target);
      await this.#access.record(
        tx,
        caller,
        c,
        'customer.main-user-changed',
        { mainUserId: c.mainUserId, contactEmail: c.contactEmail },
        { mainUserId: target.id, contactEmail: target.email },
      );
      return this.#access.view(tx, { ...c, mainUserId: target.id, contactEmail: target.email }, caller.id);
    });
  }
}

import { z } from 'zod';
import { Email, Id, IsoInstant } from './common.ts';

/** One user of the signed-in customer's team. */
export const TeamMember = z.object({
  id: Id,
  email: z.string(),
  status: z.enum(['invited', 'active', 'disabled']),
  isMainUser: z.boolean(),
  /** Whether the signed-in user is this member. */
  isYou: z.boolean(),
  createdAt: IsoInstant,
});
export type TeamMember = z.infer<typeof TeamMember>;

/** The Team page: the members, and whether the signed-in user may manage them (the main user only). */
export const TeamResponse = z.object({
  members: z.array(TeamMember),
  canManage: z.boolean(),
});
export type TeamResponse = z.infer<typeof TeamResponse>;

/** `+ New Invite` → `Send Invite`. */
export const InviteMemberRequest = z.object({
  email: Email,
  locale: z.enum(['en', 'de']).default('en'),
});
export type InviteMemberRequest = z.input<typeof InviteMemberRequest>;

export const SetMemberEnabledRequest = z.object({ enabled: z.boolean() });

/** The main user hands the role to another active member (R-3.8 in the portal). */
export const HandOverMainUserRequest = z.object({ userId: Id });

/** The admin's `Change Main User`: only an active user of the customer can become main user. */
export const ChangeMainUserRequest = z.object({ userId: Id, version: z.number().int() });

import { z } from 'zod';
import { Email, Id, IsoInstant } from './common.ts';

export const Admin = z.object({
  id: Id,
  email: z.string(),
  /** invited: the invitation link has not been used yet. */
  status: z.enum(['invited', 'active']),
  createdAt: IsoInstant,
});
export type Admin = z.infer<typeof Admin>;

export const AdminList = z.object({ items: z.array(Admin) });

export const InviteAdminRequest = z.object({ email: Email });
export type InviteAdminRequest = z.infer<typeof InviteAdminRequest>;

/** The link is shown once to the inviting admin and, when mail is configured, also mailed. */
export const InviteAdminResponse = z.object({ admin: Admin, inviteUrl: z.string(), mailed: z.boolean() });
export type InviteAdminResponse = z.infer<typeof InviteAdminResponse>;

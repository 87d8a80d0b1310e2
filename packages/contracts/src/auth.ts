import { z } from 'zod';
import { Email, Id, Locale, Password } from './common.ts';

export const UserRole = z.enum(['admin', 'customer']);
export type UserRole = z.infer<typeof UserRole>;

export const SessionUser = z.object({
  id: Id,
  email: z.string(),
  role: UserRole,
  locale: Locale,
  /** The customer a customer user belongs to; null for admins. */
  customerId: Id.nullable(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const SignInRequest = z.object({ email: Email, password: Password });
export type SignInRequest = z.infer<typeof SignInRequest>;

export const SessionResponse = z.object({ user: SessionUser });
export type SessionResponse = z.infer<typeof SessionResponse>;

/**
 * "Forgot your password?": the answer is the same whether or not the address is known. The mail goes
 * in the language the user chose in the portal.
 */
export const RequestPasswordResetRequest = z.object({ email: Email });
export type RequestPasswordResetRequest = z.input<typeof RequestPasswordResetRequest>;

/** The mailed link's page: a new password; all other sessions of the user end. */
export const ResetPasswordRequest = z.object({
  token: z.string().min(1),
  password: Password,
  passwordConfirmation: Password,
});
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;

/** What a one-time link (first-admin setup, admin invitation) is for, as the setup page shows it. */
export const SetupTokenInfo = z.object({
  purpose: z.enum(['first-admin', 'admin-invite']),
  /** Fixed for an invitation; null when the first admin chooses it. */
  email: z.string().nullable(),
});
export type SetupTokenInfo = z.infer<typeof SetupTokenInfo>;

export const CompleteSetupRequest = z.object({
  token: z.string().min(1),
  /** Required for the first admin; ignored for an invitation, whose e-mail is fixed. */
  email: Email.optional(),
  password: Password,
  passwordConfirmation: Password,
});
export type CompleteSetupRequest = z.infer<typeof CompleteSetupRequest>;

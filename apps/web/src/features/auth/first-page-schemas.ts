import type {
  Locale,
  SessionResponse as SessionAnswer,
  SignUpStatus as SignUpAnswer,
  UserRole,
} from '@vmsp/contracts';
import { z } from 'zod/mini';

/*
 * The answers the first page reads (the session, whether sign-up is open), checked with zod/mini: the contracts'
 * schemas are built with the whole of zod, which sign-in would otherwise download for these two answers. Each
 * schema is typed as the contracts' answer and lists every role and language of the contracts, so that the
 * type check fails when the two drift apart.
 */

const roles = { admin: 'admin', customer: 'customer' } as const satisfies { [R in UserRole]: R };
const locales = { en: 'en', de: 'de' } as const satisfies { [L in Locale]: L };

export const SessionResponse: z.ZodMiniType<SessionAnswer> = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(roles),
    locale: z.enum(locales),
    customerId: z.nullable(z.uuid()),
  }),
});

export const SignUpStatus: z.ZodMiniType<SignUpAnswer> = z.object({ open: z.boolean() });

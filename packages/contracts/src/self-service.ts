import { z } from 'zod';
import { Email, Password } from './common.ts';
import { Address } from './customers.ts';

/** `Enable users to register themselves.` */
export const SelfServiceSettings = z.object({ registrationEnabled: z.boolean() });
export type SelfServiceSettings = z.infer<typeof SelfServiceSettings>;

/** Whether the public sign-up page is open. */
export const SignUpStatus = z.object({ open: z.boolean() });
export type SignUpStatus = z.infer<typeof SignUpStatus>;

export const SignUpRequest = z.object({
  email: Email,
  password: Password,
  passwordConfirmation: Password,
  companyName: z.string().trim().min(1, 'Enter the company name.').max(200),
  contactName: z.string().trim().min(1, 'Enter your name.').max(200),
  address: Address,
  vatId: z
    .string()
    .trim()
    .max(30)
    .nullish()
    .transform((v) => (v ? v : null)),
  locale: z.enum(['en', 'de']).default('en'),
  acceptTerms: z.literal(true, { message: 'Accept the terms to register.' }),
});
export type SignUpRequest = z.input<typeof SignUpRequest>;
export type SignUpInput = z.output<typeof SignUpRequest>;

export const VerifyEmailRequest = z.object({ token: z.string().min(1) });

import { z } from 'zod';

/**
 * The first-steps checklist on a fresh install's Dashboard. Route (admin): GET /api/onboarding. Each step's state
 * is read from the data it is about, so a step ticks itself when the admin has done it, wherever.
 */

/** In the order an admin does them: mails first (invitations need them), the customer last (it needs the rest). */
export const OnboardingStepId = z.enum([
  'mail-server',
  'company-data',
  'price-table',
  'payment-methods',
  'first-customer',
]);
export type OnboardingStepId = z.infer<typeof OnboardingStepId>;

export const OnboardingStep = z.object({ id: OnboardingStepId, done: z.boolean() });
export type OnboardingStep = z.infer<typeof OnboardingStep>;

export const OnboardingResponse = z.object({
  steps: z.array(OnboardingStep),
  /** Every step done: the Dashboard no longer shows the checklist. */
  complete: z.boolean(),
});
export type OnboardingResponse = z.infer<typeof OnboardingResponse>;

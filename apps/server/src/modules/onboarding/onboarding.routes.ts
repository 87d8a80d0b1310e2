import { OnboardingResponse } from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { OnboardingService } from './onboarding.service.ts';

/** The Dashboard's first-steps checklist. */
export const onboardingRoutes: FastifyPluginAsyncZod<{ onboarding: OnboardingService }> = async (
  app,
  { onboarding },
) => {
  app.get(
    '/api/onboarding',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['dashboard'],
        summary:
          'The first steps of a fresh install, each with whether it is done: mail server tested, company data, sales price table, payment methods chosen, first customer',
        response: { 200: OnboardingResponse },
      },
    },
    async () => onboarding.status(),
  );
};

import { SessionResponse, SignUpRequest, VerifyEmailRequest } from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CustomerOnboardingService } from './customer-onboarding.service.ts';

/** Self-registration: a self-service customer signs up and verifies its e-mail through the mailed link. */
export const signUpRoutes: FastifyPluginAsyncZod<{ onboarding: CustomerOnboardingService }> = async (
  app,
  { onboarding },
) => {
  app.post(
    '/api/sign-up',
    {
      schema: {
        tags: ['self-service'],
        summary: 'Register a self-service customer; a link to verify the e-mail follows',
        body: SignUpRequest,
        response: { 202: z.object({ ok: z.literal(true) }) },
      },
      // Every sign-up sends a mail: keep one client from flooding an address or the mail server.
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 hour' } },
    },
    async (request, reply) => {
      await onboarding.signUp(request.body);
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    '/api/sign-up/verify',
    {
      config: { access: 'public' },
      schema: {
        tags: ['self-service'],
        summary: 'Verify the e-mail address through the mailed link and sign in',
        body: VerifyEmailRequest,
        response: { 200: SessionResponse },
      },
    },
    async (request, reply) => {
      const signedIn = await onboarding.verifyEmail(request.body.token, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setSession(signedIn);
      return { user: signedIn.user };
    },
  );
};

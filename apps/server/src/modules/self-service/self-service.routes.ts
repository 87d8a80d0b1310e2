import {
  SelfServiceSettings,
  SessionResponse,
  SignUpRequest,
  SignUpStatus,
  VerifyEmailRequest,
} from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAdmin } from '../../http/auth.ts';
import type { CustomersService } from '../customers/customers.service.ts';
import type { SelfServiceService } from './self-service.service.ts';

export const selfServiceRoutes: FastifyPluginAsyncZod<{
  selfService: SelfServiceService;
  customers: CustomersService;
}> = async (app, { selfService, customers }) => {
  app.get(
    '/api/settings/self-service',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['self-service'],
        summary: 'The Self-Service settings',
        response: { 200: SelfServiceSettings },
      },
    },
    async () => selfService.getSettings(),
  );

  app.put(
    '/api/settings/self-service',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['self-service'],
        summary: '`Enable users to register themselves.`',
        body: SelfServiceSettings,
        response: { 200: SelfServiceSettings },
      },
    },
    async (request) => selfService.saveSettings(actorOf(request), request.body),
  );

  app.get(
    '/api/sign-up',
    {
      schema: {
        tags: ['self-service'],
        summary: 'Whether self-registration is open',
        response: { 200: SignUpStatus },
      },
    },
    async () => ({ open: (await selfService.getSettings()).registrationEnabled }),
  );

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
      config: { rateLimit: { max: 10, timeWindow: '1 hour' } },
    },
    async (request, reply) => {
      await customers.signUp(request.body);
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    '/api/sign-up/verify',
    {
      schema: {
        tags: ['self-service'],
        summary: 'Verify the e-mail address through the mailed link and sign in',
        body: VerifyEmailRequest,
        response: { 200: SessionResponse },
      },
    },
    async (request, reply) => {
      const signedIn = await customers.verifyEmail(request.body.token, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setSession(signedIn);
      return { user: signedIn.user };
    },
  );
};

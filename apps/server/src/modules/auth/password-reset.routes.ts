import { RequestPasswordResetRequest, ResetPasswordRequest } from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PasswordResetService } from './password-reset.service.ts';

const Ok = z.object({ ok: z.literal(true) });

export const passwordResetRoutes: FastifyPluginAsyncZod<{ passwordReset: PasswordResetService }> = async (
  app,
  { passwordReset },
) => {
  app.post(
    '/api/password-reset',
    {
      schema: {
        tags: ['session'],
        summary:
          'Forgot your password? Mails a reset link; the same answer whether or not the address exists',
        body: RequestPasswordResetRequest,
        response: { 202: Ok },
      },
      // Each request may send a mail: keep one client from flooding an inbox or the mail server.
      config: { access: 'public', rateLimit: { max: 5, timeWindow: '15 minutes' } },
    },
    async (request, reply) => {
      const { mailConfigured } = await passwordReset.request(request.body);
      if (!mailConfigured) {
        request.log.warn(
          'A password reset was requested, but no mail server is configured: nothing was sent.',
        );
      }
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.get(
    '/api/password-reset/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'The e-mail address a reset link is for, while the link is usable',
        params: z.object({ token: z.string().min(1) }),
        response: { 200: z.object({ email: z.string() }) },
      },
    },
    async (request) => passwordReset.info(request.params.token),
  );

  app.post(
    '/api/password-reset/complete',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Set a new password through the reset link; ends every session of the user',
        body: ResetPasswordRequest,
        response: { 200: Ok },
      },
    },
    async (request) => {
      await passwordReset.complete(request.body, { ip: request.ip });
      return { ok: true as const };
    },
  );
};

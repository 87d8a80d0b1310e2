import { Locale, SessionResponse, SignInRequest } from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, SESSION_COOKIE } from '../../http/auth.ts';
import type { AuthService } from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService }> = async (app, { auth }) => {
  app.get(
    '/api/session',
    {
      schema: { tags: ['session'], summary: 'The signed-in user', response: { 200: SessionResponse } },
      config: { access: 'user' },
    },
    async (request) => {
      const { sessionHash: _hidden, ...user } = principalOf(request);
      return { user };
    },
  );

  app.post(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Sign in',
        body: SignInRequest,
        response: { 200: SessionResponse },
      },
    },
    async (request, reply) => {
      const signedIn = await auth.signIn({
        email: request.body.email,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setSession(signedIn);
      return { user: signedIn.user };
    },
  );

  app.delete(
    '/api/session',
    { config: { access: 'public' }, schema: { tags: ['session'], summary: 'Sign out' } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await auth.signOut(token);
      reply.clearSession();
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/session/locale',
    {
      schema: {
        tags: ['session'],
        summary: 'Remember the language of the signed-in user (for mails)',
        body: z.object({ locale: Locale }),
      },
      config: { access: 'user' },
    },
    async (request, reply) => {
      await auth.updateLocale(principalOf(request).id, request.body.locale);
      return reply.status(204).send();
    },
  );
};

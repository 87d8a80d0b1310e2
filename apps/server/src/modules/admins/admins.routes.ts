import {
  AdminList,
  CompleteSetupRequest,
  Id,
  InviteAdminRequest,
  InviteAdminResponse,
  SessionResponse,
  SetupTokenInfo,
} from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { AdminsService } from './admins.service.ts';

export const adminsRoutes: FastifyPluginAsyncZod<{ admins: AdminsService }> = async (app, { admins }) => {
  app.get(
    '/api/setup/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['setup'],
        summary: 'What a setup or invitation link is for',
        params: z.object({ token: z.string().min(1) }),
        response: { 200: SetupTokenInfo },
      },
    },
    async (request) => admins.setupInfo(request.params.token),
  );

  app.post(
    '/api/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['setup'],
        summary: 'Use a setup or invitation link: choose a password, get signed in',
        body: CompleteSetupRequest,
        response: { 200: SessionResponse },
      },
    },
    async (request, reply) => {
      const signedIn = await admins.completeSetup(request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setSession(signedIn);
      return { user: signedIn.user };
    },
  );

  app.get(
    '/api/admins',
    {
      schema: { tags: ['admins'], summary: 'List administrators', response: { 200: AdminList } },
      config: { access: 'admin' },
    },
    async () => ({ items: await admins.list() }),
  );

  app.post(
    '/api/admins',
    {
      schema: {
        tags: ['admins'],
        summary: 'Invite an administrator',
        body: InviteAdminRequest,
        response: { 201: InviteAdminResponse },
      },
      config: { access: 'admin' },
    },
    async (request, reply) =>
      reply.status(201).send(await admins.invite(actorOf(request), request.body.email)),
  );

  app.delete(
    '/api/admins/:id',
    {
      schema: {
        tags: ['admins'],
        summary: 'Remove an administrator (never the last one)',
        params: z.object({ id: Id }),
      },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      await admins.remove(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
};

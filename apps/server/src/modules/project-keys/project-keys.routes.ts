import { AddProjectKeySignerRequest, Ok, ProjectKeySigner, ProjectKeySignersResponse } from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { ProjectKeySignersService } from './project-key-signers.service.ts';

/** Settings → Project Keys: the MSP public keys that verify project keys. Admins only. */
export const projectKeyRoutes: FastifyPluginAsyncZod<{
  projectKeySigners: ProjectKeySignersService;
}> = async (app, { projectKeySigners }) => {
  app.get(
    '/api/settings/project-keys',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['project-keys'],
        summary: 'The MSP public keys that project keys are verified with',
        response: { 200: ProjectKeySignersResponse },
      },
    },
    async () => ({ signers: await projectKeySigners.list() }),
  );

  app.post(
    '/api/settings/project-keys',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['project-keys'],
        summary: 'Add an MSP public key (the JWK that `vmsp keys keypair` prints)',
        body: AddProjectKeySignerRequest,
        response: { 201: ProjectKeySigner },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await projectKeySigners.add(actorOf(request), request.body)),
  );

  app.delete(
    '/api/settings/project-keys/:kid',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['project-keys'],
        summary: 'Remove an MSP public key; keys it signed can no longer be redeemed',
        params: z.object({ kid: z.string().min(1).max(200) }),
        response: { 200: Ok },
      },
    },
    async (request) => {
      await projectKeySigners.remove(actorOf(request), request.params.kid);
      return { ok: true as const };
    },
  );
};

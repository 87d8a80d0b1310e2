import { SelfServiceSettings, SignUpStatus } from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth.ts';
import type { SelfServiceService } from './self-service.service.ts';

export const selfServiceRoutes: FastifyPluginAsyncZod<{
  selfService: SelfServiceService;
}> = async (app, { selfService }) => {
  app.get(
    '/api/settings/self-service',
    {
      config: { access: 'admin' },
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
      config: { access: 'admin' },
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
      config: { access: 'public' },
      schema: {
        tags: ['self-service'],
        summary: 'Whether self-registration is open',
        response: { 200: SignUpStatus },
      },
    },
    async () => ({ open: (await selfService.getSettings()).registrationEnabled }),
  );
};

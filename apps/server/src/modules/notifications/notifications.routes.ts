import { NotificationSettings, NotificationSettingsView } from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth.ts';
import type { NotificationsService } from './notifications.service.ts';

export const notificationsRoutes: FastifyPluginAsyncZod<{ notifications: NotificationsService }> = async (
  app,
  { notifications },
) => {
  app.get(
    '/api/settings/notifications',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['settings'],
        summary: "The provider's notification address",
        response: { 200: NotificationSettingsView },
      },
    },
    async () => notifications.view(),
  );

  app.put(
    '/api/settings/notifications',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['settings'],
        summary: 'Set the notification address (empty: the first admin)',
        body: NotificationSettings,
        response: { 200: NotificationSettingsView },
      },
    },
    async (request) => notifications.save(actorOf(request), request.body),
  );
};

import {
  Id,
  MailLogEntry,
  MailLogPage,
  MailLogQuery,
  MailMessage,
  MailSettings,
  SaveMailSettingsRequest,
  SendTestMailRequest,
  SendTestMailResponse,
} from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { MailService } from './mail.service.ts';

export const mailRoutes: FastifyPluginAsyncZod<{ mail: MailService }> = async (app, { mail }) => {
  app.get(
    '/api/settings/mail',
    {
      schema: {
        tags: ['mail'],
        summary: 'The mail server settings (never the password)',
        response: { 200: MailSettings },
      },
      config: { access: 'admin' },
    },
    async () => mail.getSettings(),
  );

  app.put(
    '/api/settings/mail',
    {
      schema: {
        tags: ['mail'],
        summary:
          'Save the mail server settings; an omitted password keeps the stored one, an empty one removes it',
        body: SaveMailSettingsRequest,
        response: { 200: MailSettings },
      },
      config: { access: 'admin' },
    },
    async (request) => mail.saveSettings(actorOf(request), request.body),
  );

  app.post(
    '/api/settings/mail/test',
    {
      schema: {
        tags: ['mail'],
        summary: "Send a test mail now through the saved settings and report the server's answer",
        body: SendTestMailRequest,
        response: { 200: SendTestMailResponse },
      },
      // Each call opens a connection to the mail server and sends a real mail.
      config: { access: 'admin', rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request) =>
      mail.sendTest(actorOf(request), { to: request.body.to, locale: request.principal?.locale ?? 'en' }),
  );

  app.get(
    '/api/mails',
    {
      schema: {
        tags: ['mail'],
        summary: 'The Mail Log, newest first',
        querystring: MailLogQuery,
        response: { 200: MailLogPage },
      },
      config: { access: 'admin' },
    },
    async (request) => mail.list(request.query),
  );

  app.get(
    '/api/mails/:id',
    {
      schema: {
        tags: ['mail'],
        summary: 'One mail with its text',
        params: z.object({ id: Id }),
        response: { 200: MailMessage },
      },
      config: { access: 'admin' },
    },
    async (request) => mail.get(request.params.id),
  );

  app.post(
    '/api/mails/:id/retry',
    {
      schema: {
        tags: ['mail'],
        summary: 'Send a failed mail again',
        params: z.object({ id: Id }),
        response: { 200: MailLogEntry },
      },
      config: { access: 'admin' },
    },
    async (request) => mail.retry(actorOf(request), request.params.id),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { MailService } from './mail.service.ts';
export const mailRoutes: FastifyPluginAsyncZod<{ mail: MailService }> = async () => {};

import { Readable } from 'node:stream';
import { AuditExportQuery, AuditPage, AuditQuery } from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth.ts';
import type { AuditService } from './audit.service.ts';
import { auditCsv } from './audit-export.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditService }> = async (app, { audit }) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          'The audit log, newest first, filtered by action, customer, admin and days (billing time zone, both included); each entry names its object',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
      config: { access: 'admin' },
    },
    async (request) => audit.list(request.query),
  );

  app.get(
    '/api/audit/export',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Every entry the filter selects as CSV (UTF-8 with BOM; sep=semicolon for German Excel), newest first, streamed',
        querystring: AuditExportQuery,
      },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      const { sep, ...filter } = request.query;
      await audit.recordExport(actorOf(request), filter);
      const days = [filter.from, filter.to].filter(Boolean).join('_');
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-log${days ? `-${days}` : ''}.csv"`)
        .send(Readable.from(auditCsv(audit.export(filter), sep)));
    },
  );
};

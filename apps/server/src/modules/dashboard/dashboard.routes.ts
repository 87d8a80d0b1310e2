import {
  DashboardHistoryQuery,
  DashboardHistoryResponse,
  DashboardQuery,
  DashboardResponse,
} from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DashboardService } from './dashboard.service.ts';

/** The admin's Dashboard: the key figures of the current or a past billing month, and their development. */
export const dashboardRoutes: FastifyPluginAsyncZod<{ dashboard: DashboardService }> = async (
  app,
  { dashboard },
) => {
  app.get(
    '/api/dashboard',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['dashboard'],
        summary:
          'Key figures of a billing month (default: the current one): customers, IPs, revenue, purchase cost and margin, invoices, scheduled changes',
        querystring: DashboardQuery,
        response: { 200: DashboardResponse },
      },
    },
    async (request) => dashboard.figures(request.query.month),
  );

  app.get(
    '/api/dashboard/history',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['dashboard'],
        summary:
          'The development chart: IPs, revenue, purchase cost and margin of the last 6 or 12 billing months, ending with the current one',
        querystring: DashboardHistoryQuery,
        response: { 200: DashboardHistoryResponse },
      },
    },
    async (request) => dashboard.history(request.query),
  );
};

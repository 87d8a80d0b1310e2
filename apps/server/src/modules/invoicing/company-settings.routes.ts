import { CompanySettings, CompanySettingsView, InvoicingStatus } from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth.ts';
import type { CompanySettingsService } from './company-settings.service.ts';

export const companySettingsRoutes: FastifyPluginAsyncZod<{
  companySettings: CompanySettingsService;
}> = async (app, { companySettings }) => {
  app.get(
    '/api/settings/company',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['invoicing'],
        summary: 'Settings → Company: the invoice issuer, and what is still missing for invoicing',
        response: { 200: CompanySettingsView },
      },
    },
    async () => companySettings.view(),
  );

  app.put(
    '/api/settings/company',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['invoicing'],
        summary: 'Save Settings → Company',
        body: CompanySettings,
        response: { 200: CompanySettingsView },
      },
    },
    async (request) => companySettings.save(actorOf(request), request.body),
  );

  app.get(
    '/api/invoicing/status',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['invoicing'],
        summary: 'Whether invoicing is on, and the Settings → Company fields it waits for',
        response: { 200: InvoicingStatus },
      },
    },
    async () => companySettings.status(),
  );
};

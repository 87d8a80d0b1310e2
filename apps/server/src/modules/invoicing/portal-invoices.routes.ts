import { CustomerInvoicesResponse, Id } from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { customerUserOf } from '../../http/auth.ts';
import { sendStoredFile } from './invoices.routes.ts';
import type { InvoicesService } from './invoices.service.ts';

/** The portal's Invoices page: every user of a customer sees the customer's invoices, and no one else's. */
export const portalInvoicesRoutes: FastifyPluginAsyncZod<{ invoices: InvoicesService }> = async (
  app,
  { invoices },
) => {
  app.get(
    '/api/portal/invoices',
    {
      config: { access: 'customer' },
      schema: {
        tags: ['invoices'],
        summary: "The signed-in user's company's invoices and credit notes, and its invoices at Stripe",
        response: { 200: CustomerInvoicesResponse },
      },
    },
    async (request) => invoices.ofCustomer(customerUserOf(request).customerId),
  );

  for (const format of ['pdf', 'xml'] as const) {
    app.get(
      `/api/portal/invoices/:id/${format}`,
      {
        config: { access: 'customer' },
        schema: {
          tags: ['invoices'],
          summary: `Download one of the company's invoices as ${format.toUpperCase()} (404 for any other invoice)`,
          params: z.object({ id: Id }),
        },
      },
      async (request, reply) => {
        const { customerId } = customerUserOf(request);
        return sendStoredFile(reply, await invoices.storedFile(request.params.id, format, { customerId }));
      },
    );
  }
};

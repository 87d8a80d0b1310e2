import { PassThrough, Readable } from 'node:stream';
import { BillingDataQuery } from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth.ts';
import { billingDataCsv } from './billing-data.csv.ts';
import type { BillingDataService } from './billing-data.service.ts';
import { writeBillingDataXlsx } from './billing-data.xlsx.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The monthly billing data as a download: CSV and XLSX streamed row by row, the PDF summary from the totals. */
export const billingDataRoutes: FastifyPluginAsyncZod<{ billingData: BillingDataService }> = async (
  app,
  { billingData },
) => {
  app.get(
    '/api/billing-data',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['billing-data'],
        summary:
          'The billing data of an ended billing month (proof of performance): per customer and period the IPs, sales, purchase, margin and invoice number, with totals; as CSV (UTF-8 with BOM; sep=semicolon for German Excel), XLSX or a PDF summary',
        querystring: BillingDataQuery,
      },
    },
    async (request, reply) => {
      const { month: label, format, sep } = request.query;
      const month = billingData.endedMonth(label);
      await billingData.recordDownload(actorOf(request), label, format);
      const name = `billing-data-${label}.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .send(Readable.from(billingDataCsv(billingData.batches(month), sep)));
      }
      if (format === 'xlsx') {
        const output = new PassThrough();
        writeBillingDataXlsx(billingData.batches(month), label, output).catch((error: Error) =>
          output.destroy(error),
        );
        return reply.header('content-type', XLSX).send(output);
      }
      return reply.header('content-type', 'application/pdf').send(await billingData.pdf(month));
    },
  );
};

import { Readable } from 'node:stream';
import {
  CreateCreditNoteRequest,
  CustomerInvoicesResponse,
  Id,
  InvoiceDetails,
  InvoiceExportQuery,
  InvoiceListQuery,
  InvoiceListResponse,
  MarkInvoicePaidRequest,
  SendInvoiceMailRequest,
} from '@vmsp/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { CreditNotesService } from './credit-notes.service.ts';
import { fileNameOf, type InvoiceExports } from './invoice-exports.ts';
import type { InvoiceMailingService } from './invoice-mailing.service.ts';
import type { InvoicePaymentsService } from './invoice-payments.service.ts';
import type { InvoicesService, StoredFile } from './invoices.service.ts';

const byId = z.object({ id: Id });
const CONTENT_TYPES = { pdf: 'application/pdf', xml: 'application/xml; charset=utf-8' } as const;

/** A stored PDF or XML as a download named after its number. */
export function sendStoredFile(reply: FastifyReply, file: StoredFile) {
  return reply
    .header('content-type', CONTENT_TYPES[file.format])
    .header('content-disposition', `attachment; filename="${fileNameOf(file.number, file.format)}"`)
    .send(file.body);
}

/** The admin's Invoices page, its exports, and the customer details overlay's invoices. */
export const invoicesRoutes: FastifyPluginAsyncZod<{
  invoices: InvoicesService;
  payments: InvoicePaymentsService;
  creditNotes: CreditNotesService;
  exports: InvoiceExports;
  mailing: InvoiceMailingService;
}> = async (app, { invoices, payments, creditNotes, exports, mailing }) => {
  app.get(
    '/api/invoices',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['invoices'],
        summary:
          'Invoices and credit notes, filtered and paged, with the totals of everything the filter matches',
        querystring: InvoiceListQuery,
        response: { 200: InvoiceListResponse },
      },
    },
    async (request) => invoices.list(request.query),
  );

  app.get(
    '/api/invoices/export.csv',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['invoices'],
        summary:
          "A billing month's invoices and credit notes as CSV for accounting (UTF-8 with BOM; sep=semicolon for German Excel)",
        querystring: InvoiceExportQuery,
      },
    },
    async (request, reply) => {
      const { month, sep } = request.query;
      await exports.recordExport(actorOf(request), month, 'csv');
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="invoices-${month}.csv"`)
        .send(Readable.from(exports.csv(month, sep)));
    },
  );

  app.get(
    '/api/invoices/export.zip',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['invoices'],
        summary:
          "A billing month's invoice PDFs and XMLs in one ZIP (409 while some are still being rendered)",
        querystring: InvoiceExportQuery.pick({ month: true }),
      },
    },
    async (request, reply) => {
      const { month } = request.query;
      await exports.requireRendered(month);
      await exports.recordExport(actorOf(request), month, 'zip');
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="invoices-${month}.zip"`)
        .send(Readable.from(exports.zip(month)));
    },
  );

  app.get(
    '/api/invoices/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['invoices'],
        summary: 'An invoice or credit note with its lines, VAT, credit notes and history',
        params: byId,
        response: { 200: InvoiceDetails },
      },
    },
    async (request) => invoices.details(request.params.id),
  );

  app.post(
    '/api/invoices/:id/paid',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['invoices'],
        summary:
          'Mark as paid, on the day the payment arrived (not in the future, not before the issue date)',
        params: byId,
        body: MarkInvoicePaidRequest,
        response: { 200: InvoiceDetails },
      },
    },
    async (request) => payments.markPaid(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/invoices/:id/credit-notes',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['invoices'],
        summary:
          "Issue a credit note for all of the invoice's lines or the chosen ones; answers with the invoice's details",
        params: byId,
        body: CreateCreditNoteRequest,
        response: { 201: InvoiceDetails },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await creditNotes.issue(actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/invoices/:id/mail',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['invoices'],
        summary:
          'Send by e-mail: the mail with the PDF (again) to the address given (409 until rendered or without a mail server)',
        params: byId,
        body: SendInvoiceMailRequest,
        response: { 200: InvoiceDetails },
      },
    },
    async (request) => {
      await mailing.send(actorOf(request), request.params.id, request.body);
      return invoices.details(request.params.id);
    },
  );

  for (const format of ['pdf', 'xml'] as const) {
    app.get(
      `/api/invoices/:id/${format}`,
      {
        config: { access: 'admin' },
        schema: {
          tags: ['invoices'],
          summary: `Download the invoice's ${format === 'pdf' ? 'PDF (with the e-invoice XML embedded)' : 'EN 16931 XML'} (409 until rendered)`,
          params: byId,
        },
      },
      async (request, reply) => sendStoredFile(reply, await invoices.storedFile(request.params.id, format)),
    );
  }

  app.get(
    '/api/customers/:id/invoices',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['invoices'],
        summary: "A customer's invoices and credit notes, and its invoices at Stripe",
        params: byId,
        response: { 200: CustomerInvoicesResponse },
      },
    },
    async (request) => invoices.ofCustomer(request.params.id),
  );
};

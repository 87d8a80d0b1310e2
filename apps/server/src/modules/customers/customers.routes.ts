import { Readable } from 'node:stream';
import {
  AcceptInvitationRequest,
  ChangeMainUserRequest,
  CreateCustomerRequest,
  CustomerDetails,
  CustomerExportQuery,
  CustomerListQuery,
  CustomerPage,
  DeleteCustomerRequest,
  DeleteCustomerResult,
  EditAddressRequest,
  Id,
  InvitationInfo,
  Ok,
  PortalCompany,
  SessionResponse,
  SetLockedRequest,
} from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, customerUserOf } from '../../http/auth.ts';
import { compiledSerializer } from '../../http/compiled-serializer.ts';
import type { Clock } from '../../lib/clock.ts';
import type { CustomerConversionService } from './customer-conversion.service.ts';
import type { CustomerDeletionService } from './customer-deletion.service.ts';
import type { CustomerDetailsService } from './customer-details.service.ts';
import type { CustomerLockService } from './customer-lock.service.ts';
import type { CustomerOnboardingService } from './customer-onboarding.service.ts';
import type { CustomerProfileService } from './customer-profile.service.ts';
import type { CustomersService } from './customers.service.ts';
import { exportCsv, exportJson } from './customers-export.ts';
import type { MainUserService } from './main-user.service.ts';

const byId = z.object({ id: Id });
const withVersion = z.object({ version: z.number().int().optional() });

export const customersRoutes: FastifyPluginAsyncZod<{
  customers: CustomersService;
  details: CustomerDetailsService;
  onboarding: CustomerOnboardingService;
  profile: CustomerProfileService;
  locks: CustomerLockService;
  conversion: CustomerConversionService;
  mainUsers: MainUserService;
  deletion: CustomerDeletionService;
  clock: Clock;
  timeZone: string;
}> = async (
  app,
  { customers, details, onboarding, profile, locks, conversion, mainUsers, deletion, clock, timeZone },
) => {
  app.get(
    '/api/customers',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['customers'],
        summary: 'The Billing page: customers filtered, searched, sorted, paged',
        querystring: CustomerListQuery,
        response: { 200: CustomerPage },
      },
      serializerCompiler: compiledSerializer,
    },
    async (request) => customers.list(request.query),
  );

  app.get(
    '/api/customers/export',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['customers'],
        summary:
          'Download every customer the filter selects, as a JSON array or as CSV (UTF-8 with BOM; sep=semicolon for German Excel), streamed. Money is a decimal string beside its cents and currency',
        querystring: CustomerExportQuery,
      },
    },
    async (request, reply) => {
      const { format, sep, ...filter } = request.query;
      await customers.recordExport(actorOf(request), filter, format);
      const day = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(clock.now());
      const records = customers.export(filter);
      const body = Readable.from(format === 'csv' ? exportCsv(records, sep) : exportJson(records));
      return reply
        .header(
          'content-type',
          format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="customers-${day}.${format}"`)
        .send(body);
    },
  );

  app.post(
    '/api/customers',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['customers'],
        summary: '+ New Customer: create and invite',
        body: CreateCustomerRequest,
        response: { 201: CustomerDetails },
      },
    },
    async (request, reply) => reply.status(201).send(await onboarding.create(actorOf(request), request.body)),
  );

  app.get(
    '/api/customers/:id',
    {
      config: { access: 'admin' },
      schema: { tags: ['customers'], summary: 'Details', params: byId, response: { 200: CustomerDetails } },
    },
    async (request) => details.details(request.params.id),
  );

  app.post(
    '/api/customers/:id/resend-invitation',
    {
      config: { access: 'admin' },
      schema: { tags: ['customers'], summary: 'Resend Invitation', params: byId, response: { 200: Ok } },
    },
    async (request) => {
      await onboarding.resendInvitation(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/customers/:id/convert-to-managed',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['customers'],
        summary: 'Convert to Managed Customer (irreversible)',
        params: byId,
        body: withVersion,
        response: { 200: CustomerDetails },
      },
    },
    async (request) => conversion.convertToManaged(actorOf(request), request.params.id, request.body.version),
  );

  app.put(
    '/api/customers/:id/locked',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['customers'],
        summary: 'Account locked',
        params: byId,
        body: SetLockedRequest,
        response: { 200: CustomerDetails },
      },
    },
    async (request) =>
      locks.setLocked(actorOf(request), request.params.id, request.body.locked, request.body.version),
  );

  app.put(
    '/api/customers/:id/address',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['customers'],
        summary: 'Edit Address',
        params: byId,
        body: EditAddressRequest,
        response: { 200: CustomerDetails },
      },
    },
    async (request) =>
      profile.editAddress(actorOf(request), request.params.id, request.body, request.body.version),
  );

  app.put(
    '/api/customers/:id/main-user',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['customers'],
        summary: 'Change Main User (active users only)',
        params: byId,
        body: ChangeMainUserRequest,
        response: { 200: CustomerDetails },
      },
    },
    async (request) =>
      mainUsers.changeMainUser(
        actorOf(request),
        request.params.id,
        request.body.userId,
        request.body.version,
      ),
  );

  app.post(
    '/api/customers/:id/delete',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['customers'],
        summary:
          'Delete: at once when never registered, else marked `deleting` and purged after the grace period',
        params: byId,
        body: DeleteCustomerRequest,
        response: { 200: DeleteCustomerResult },
      },
    },
    async (request) => deletion.delete(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/customers/:id/undo-delete',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['customers'],
        summary: 'Undo a deletion during its grace period',
        params: byId,
        body: z.object({ version: z.number().int() }),
        response: { 200: CustomerDetails },
      },
    },
    async (request) => deletion.undo(actorOf(request), request.params.id, request.body.version),
  );

  app.get(
    '/api/invitations/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['invitations'],
        summary: 'What an invitation link is for',
        params: z.object({ token: z.string().min(1) }),
        response: { 200: InvitationInfo },
      },
    },
    async (request) => onboarding.invitationInfo(request.params.token),
  );

  app.post(
    '/api/invitations/accept',
    {
      config: { access: 'public' },
      schema: {
        tags: ['invitations'],
        summary: 'Register through an invitation link: choose a password, get signed in',
        body: AcceptInvitationRequest,
        response: { 200: SessionResponse },
      },
    },
    async (request, reply) => {
      const signedIn = await onboarding.acceptInvitation(request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setSession(signedIn);
      return { user: signedIn.user };
    },
  );

  app.get(
    '/api/portal/company',
    {
      config: { access: 'customer' },
      schema: {
        tags: ['portal'],
        summary: "The signed-in customer user's company",
        response: { 200: PortalCompany },
      },
    },
    async (request) => profile.portalCompany(customerUserOf(request).customerId),
  );

  app.put(
    '/api/portal/company',
    {
      config: { access: 'customer' },
      schema: {
        tags: ['portal'],
        summary: "A self-service customer's company address and VAT-ID",
        body: EditAddressRequest,
        response: { 200: PortalCompany },
      },
    },
    async (request) =>
      profile.editOwnCompany(actorOf(request), customerUserOf(request).customerId, request.body),
  );
};

import {
  BillingCalendar,
  CancelSubscriptionRequest,
  CustomerDetails,
  Id,
  InspectProjectKeyRequest,
  IpDistributionRequest,
  IpDistributionResult,
  PortalIpDistributionResult,
  PortalSubscription,
  ProjectKeyOverview,
  RedeemProjectKeyRequest,
} from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, customerUserOf } from '../../http/auth.ts';
import type { ProjectKeySignersService } from '../project-keys/project-key-signers.service.ts';
import type { IpDistributionService } from './ip-distribution.service.ts';
import type { PortalSubscriptionService } from './portal-subscription.service.ts';
import type { ProjectKeyRedemptionService } from './project-key-redemption.service.ts';
import type { SubscriptionCancellationService } from './subscription-cancellation.service.ts';

const byId = z.object({ id: Id });

/**
 * Subscription changes, by the admin and by the customer. Each runs on the customer's locked row, checks its
 * version and updates the list columns in the same transaction (subscription-change.ts).
 */
export const subscriptionsRoutes: FastifyPluginAsyncZod<{
  ipDistribution: IpDistributionService;
  redemption: ProjectKeyRedemptionService;
  cancellation: SubscriptionCancellationService;
  portalSubscription: PortalSubscriptionService;
  projectKeySigners: ProjectKeySignersService;
  billingTimeZone: string;
}> = async (
  app,
  { ipDistribution, redemption, cancellation, portalSubscription, projectKeySigners, billingTimeZone },
) => {
  app.get(
    '/api/billing-calendar',
    {
      config: { access: 'user' },
      schema: {
        tags: ['subscriptions'],
        summary: 'The time zone whose calendar months are billing months',
        response: { 200: BillingCalendar },
      },
    },
    async () => ({ timeZone: billingTimeZone }),
  );

  app.put(
    '/api/customers/:id/ip-distribution',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['subscriptions'],
        summary: 'IP Distribution: change, schedule or start the subscription',
        params: byId,
        body: IpDistributionRequest,
        response: { 200: IpDistributionResult },
      },
    },
    async (request) => ipDistribution.distributeIps(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/customers/:id/project-key/inspect',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['subscriptions'],
        summary: 'Add Project Key, first step: what the key carries, or why it is refused',
        params: byId,
        body: InspectProjectKeyRequest,
        response: { 200: ProjectKeyOverview },
      },
    },
    async (request) => projectKeySigners.inspect(request.body.key),
  );

  app.post(
    '/api/customers/:id/project-key',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['subscriptions'],
        summary: 'Add Project Key, `Finish`: redeem the key for this customer',
        params: byId,
        body: RedeemProjectKeyRequest,
        response: { 200: IpDistributionResult },
      },
    },
    async (request) => redemption.redeemProjectKey(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/customers/:id/subscription/cancel',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['subscriptions'],
        summary: 'Cancel Active Subscription',
        params: byId,
        body: CancelSubscriptionRequest,
        response: { 200: CustomerDetails },
      },
    },
    async (request) =>
      cancellation.cancelSubscription(actorOf(request), request.params.id, request.body.version),
  );

  app.get(
    '/api/portal/subscription',
    {
      config: { access: 'customer' },
      schema: {
        tags: ['portal'],
        summary: "The signed-in customer's subscription, pending change and price table",
        response: { 200: PortalSubscription },
      },
    },
    async (request) => portalSubscription.show(customerUserOf(request).customerId),
  );

  app.put(
    '/api/portal/subscription',
    {
      config: { access: 'customer' },
      schema: {
        tags: ['portal'],
        summary: 'A self-service customer changes its IP distribution',
        body: IpDistributionRequest,
        response: { 200: PortalIpDistributionResult },
      },
    },
    async (request) =>
      ipDistribution.distributeOwnIps(actorOf(request), customerUserOf(request).customerId, request.body),
  );
};

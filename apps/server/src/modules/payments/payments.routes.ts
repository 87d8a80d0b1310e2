import {
  CardCheckoutRequest,
  CardCheckoutResponse,
  PaidMethod,
  PaymentMethodsResponse,
  SaveStripeSettingsRequest,
  SetPaymentMethodActiveRequest,
  StripeSettingsView,
} from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, principalOf, requireAdmin, requireUser } from '../../http/auth.ts';
import { forbidden } from '../../lib/errors.ts';
import type { CustomerSubscriptionsService } from '../customers/customer-subscriptions.service.ts';
import type { CardPaymentsService } from './card-payments.service.ts';
import type { PaymentMethodsService } from './payment-methods.service.ts';
import type { StripeSettingsService } from './stripe-settings.service.ts';

export const paymentsRoutes: FastifyPluginAsyncZod<{
  paymentMethods: PaymentMethodsService;
  stripeSettings: StripeSettingsService;
  cards: CardPaymentsService;
  customers: CustomerSubscriptionsService;
}> = async (app, { paymentMethods, stripeSettings, cards, customers }) => {
  const admin = { preHandler: requireAdmin };

  app.get(
    '/api/payment-methods',
    {
      ...admin,
      schema: { tags: ['payments'], summary: 'Payment Methods', response: { 200: PaymentMethodsResponse } },
    },
    async () => paymentMethods.list(),
  );

  app.put(
    '/api/payment-methods/:method',
    {
      ...admin,
      schema: {
        tags: ['payments'],
        summary: 'Activate or deactivate a payment method',
        params: z.object({ method: PaidMethod }),
        body: SetPaymentMethodActiveRequest,
        response: { 200: PaymentMethodsResponse },
      },
    },
    async (request) => paymentMethods.setActive(actorOf(request), request.params.method, request.body.active),
  );

  app.get(
    '/api/settings/stripe',
    {
      ...admin,
      schema: {
        tags: ['payments'],
        summary: 'Stripe settings (no secrets)',
        response: { 200: StripeSettingsView },
      },
    },
    async () => stripeSettings.view(),
  );

  app.put(
    '/api/settings/stripe',
    {
      ...admin,
      schema: {
        tags: ['payments'],
        summary: 'Check the keys with Stripe and store them',
        body: SaveStripeSettingsRequest,
        response: { 200: StripeSettingsView },
      },
    },
    async (request) => stripeSettings.save(actorOf(request), request.body),
  );

  app.post(
    '/api/portal/subscription/card-checkout',
    {
      preHandler: requireUser,
      schema: {
        tags: ['portal'],
        summary: 'Pay by Credit Card: a Stripe Checkout URL to send the browser to',
        body: CardCheckoutRequest,
        response: { 200: CardCheckoutResponse },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (principal.role !== 'customer' || !principal.customerId)
        throw forbidden('This is for customer users.');
      return customers.cardCheckout(actorOf(request), principal.customerId, request.body);
    },
  );

  // Stripe's webhook: no session, no origin check (Stripe is the caller); the signature over the exact bytes
  // received is the authentication, so this route keeps the raw body instead of parsing JSON.
  await app.register(async (webhook) => {
    webhook.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    webhook.post(
      '/api/stripe/webhook',
      { schema: { tags: ['payments'], summary: 'Stripe webhook (signed)', hide: true } },
      async (request) => {
        const signature = request.headers['stripe-signature'];
        const { duplicate } = await cards.receiveWebhook(
          request.body as Buffer,
          typeof signature === 'string' ? signature : undefined,
        );
        return { received: true, duplicate };
      },
    );
  });
};

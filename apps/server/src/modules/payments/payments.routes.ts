import {
  PaidMethod,
  PaymentMethodsResponse,
  SaveStripeSettingsRequest,
  SetPaymentMethodActiveRequest,
  StripeSettingsView,
} from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import type { PaymentMethodsService } from './payment-methods.service.ts';
import type { StripeSettingsService } from './stripe-settings.service.ts';

export const paymentsRoutes: FastifyPluginAsyncZod<{
  paymentMethods: PaymentMethodsService;
  stripeSettings: StripeSettingsService;
}> = async (app, { paymentMethods, stripeSettings }) => {
  app.get(
    '/api/payment-methods',
    {
      config: { access: 'admin' },
      schema: { tags: ['payments'], summary: 'Payment Methods', response: { 200: PaymentMethodsResponse } },
    },
    async () => paymentMethods.list(),
  );

  app.put(
    '/api/payment-methods/:method',
    {
      config: { access: 'admin' },
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
      config: { access: 'admin' },
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
      config: { access: 'admin' },
      schema: {
        tags: ['payments'],
        summary: 'Check the keys with Stripe and store them',
        body: SaveStripeSettingsRequest,
        response: { 200: StripeSettingsView },
      },
    },
    async (request) => stripeSettings.save(actorOf(request), request.body),
  );
};

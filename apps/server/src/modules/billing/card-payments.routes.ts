import { CardCheckoutRequest, CardCheckoutResponse } from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, customerUserOf } from '../../http/auth.ts';
import type { CardCheckoutService } from './card-checkout.service.ts';
import type { StripeWebhookService } from './stripe-webhook.service.ts';

/** Paying by card: the customer's Stripe Checkout, and Stripe's webhook that reports what happened there. */
export const cardPaymentsRoutes: FastifyPluginAsyncZod<{
  checkout: CardCheckoutService;
  webhook: StripeWebhookService;
}> = async (app, { checkout, webhook: stripeWebhook }) => {
  app.post(
    '/api/portal/subscription/card-checkout',
    {
      config: { access: 'customer' },
      schema: {
        tags: ['portal'],
        summary: 'Pay by Credit Card: a Stripe Checkout URL to send the browser to',
        body: CardCheckoutRequest,
        response: { 200: CardCheckoutResponse },
      },
    },
    async (request) =>
      checkout.cardCheckout(actorOf(request), customerUserOf(request).customerId, request.body),
  );

  // Stripe's webhook: no session, no origin check (Stripe is the caller); the signature over the exact bytes
  // received is the authentication, so this route keeps the raw body instead of parsing JSON.
  await app.register(async (webhook) => {
    webhook.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    webhook.post(
      '/api/stripe/webhook',
      {
        config: { access: 'public' },
        schema: { tags: ['payments'], summary: 'Stripe webhook (signed)', hide: true },
      },
      async (request) => {
        const signature = request.headers['stripe-signature'];
        const { duplicate } = await stripeWebhook.receive(
          request.body as Buffer,
          typeof signature === 'string' ? signature : undefined,
        );
        return { received: true, duplicate };
      },
    );
  });
};

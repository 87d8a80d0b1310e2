import { PriceTableResponse, SavePriceTableRequest } from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth.ts';
import type { PurchasePricesService } from './purchase-prices.service.ts';

/** Settings → Purchase Prices: the same request and answer as the sales price table. */
export const purchasePricesRoutes: FastifyPluginAsyncZod<{ purchasePrices: PurchasePricesService }> = async (
  app,
  { purchasePrices },
) => {
  app.get(
    '/api/purchase-price-table',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['prices'],
        summary:
          'The purchase price table (what the provider pays its upstream MSP per IP and month): the newest version and all earlier ones',
        response: { 200: PriceTableResponse },
      },
    },
    async () => purchasePrices.table(),
  );

  app.put(
    '/api/purchase-price-table',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['prices'],
        summary: '`Save` the purchase price table as a new version',
        body: SavePriceTableRequest,
        response: { 200: PriceTableResponse },
      },
    },
    async (request) => purchasePrices.save(actorOf(request), request.body),
  );
};

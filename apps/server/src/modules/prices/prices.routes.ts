import { PriceTableResponse, SavePriceTableRequest } from '@vmsp/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth.ts';
import type { PricesService } from './prices.service.ts';

export const pricesRoutes: FastifyPluginAsyncZod<{ prices: PricesService }> = async (app, { prices }) => {
  app.get(
    '/api/price-table',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['prices'],
        summary: 'The price table: the newest version and all earlier ones',
        response: { 200: PriceTableResponse },
      },
    },
    async () => prices.table(),
  );

  app.put(
    '/api/price-table',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['prices'],
        summary: '`Save` the price table as a new version',
        body: SavePriceTableRequest,
        response: { 200: PriceTableResponse },
      },
    },
    async (request) => prices.save(actorOf(request), request.body),
  );
};

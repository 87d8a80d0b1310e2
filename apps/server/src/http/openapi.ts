import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { declareScopePublic } from './auth.ts';

/** OpenAPI from the routes' zod schemas: /api/openapi.json, and Swagger UI at /api/docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: 'vMSP Portal API', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'vmsp_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // Swagger UI's routes cannot carry our options: its scope declares them public.
  await app.register(async (docs) => {
    declareScopePublic(docs);
    await docs.register(swaggerUi, { routePrefix: '/api/docs' });
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}

import { createRequire } from 'node:module';
import type { FastifySerializerCompiler } from 'fastify';
import { z } from 'zod';

/** fast-json-stringify, the very version Fastify compiles JSON schemas with. */
const compile = createRequire(createRequire(import.meta.url).resolve('fastify'))('fast-json-stringify') as (
  schema: object,
) => (data: unknown) => string;

/**
 * A route's response written by a serializer compiled from its schema's JSON schema (as Fastify does for JSON
 * schemas), instead of the zod serializer's encode-then-JSON.stringify: for the hot lists, whose pages the
 * portal builds from typed rows and where checking every row of every page again is only cost. Like the zod
 * serializer it writes exactly the schema's properties; it does not check values, so it is for responses made
 * by the portal, never for data passed through. Set it per route: `serializerCompiler: compiledSerializer`.
 */
export function compiledSerializer<T>({
  schema,
  url,
}: Parameters<FastifySerializerCompiler<T>>[0]): (data: unknown) => string {
  if (!(schema instanceof z.ZodType)) throw new Error(`${url}: the compiled serializer needs a zod schema`);
  return compile(z.toJSONSchema(schema, { io: 'output', target: 'draft-7' }));
}

import type { ApiError } from '@vmsp/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type OwnErrorCode } from '../lib/errors.ts';
import { validationRuleOf } from '../lib/validation-rule.ts';

/** Field path from the validator's JSON pointer: "/address/postalCode" → "address.postalCode". */
function fieldOf(instancePath: string, missingProperty?: unknown): string | undefined {
  const parts = instancePath.split('/').filter(Boolean);
  if (typeof missingProperty === 'string') parts.push(missingProperty);
  return parts.length ? parts.join('.') : undefined;
}

/**
 * Errors Fastify raises itself before a route runs (reading the URL or the body), each with its own code
 * and status instead of Fastify's `{ error, code: "FST_ERR_…", statusCode }`.
 */
const FRAMEWORK_ERRORS: Record<string, { code: OwnErrorCode; status: number; message: string }> = {
  FST_ERR_BAD_URL: { code: 'BAD_URL', status: 400, message: 'The address contains a malformed %-escape.' },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'URI_TOO_LONG',
    status: 414,
    message: 'A part of the address is too long.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    status: 413,
    message: 'The request body is too large.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    message: 'This content type is not accepted here. Send JSON (Content-Type: application/json).',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'MALFORMED_JSON',
    status: 400,
    message: 'The request body is empty although it is declared as JSON.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'MALFORMED_JSON',
    status: 400,
    message: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'BAD_REQUEST',
    status: 400,
    message: 'The request body does not match its Content-Length.',
  },
};

/** The answer to an error Fastify or a plugin raised with a 4xx status of its own. */
function clientError(error: FastifyError): AppError {
  const status = error.statusCode ?? 400;
  const known =
    (error.code ? FRAMEWORK_ERRORS[error.code] : undefined) ??
    (status === 413 ? FRAMEWORK_ERRORS.FST_ERR_CTP_BODY_TOO_LARGE : undefined) ??
    (status === 415 ? FRAMEWORK_ERRORS.FST_ERR_CTP_INVALID_MEDIA_TYPE : undefined);
  if (known) return new AppError(known.code, known.status, known.message);
  return new AppError('BAD_REQUEST', status, 'The request could not be read.');
}

/**
 * Fastify's `frameworkErrors` option: errors of the router (a malformed %-escape, a path parameter over
 * `maxParamLength`) in the portal's error shape. They are not logged: the URL may carry a one-time token.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
  const answer = known
    ? new AppError(known.code, known.status, known.message)
    : new AppError('INTERNAL', 500, 'Something went wrong on our side.');
  void reply
    .status(answer.status)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(answer.toBody()));
}

/** The registered routes, to tell a path that exists under other methods (405) from one that does not (404). */
class RouteTable {
  readonly #routes: { method: string; regex: RegExp }[] = [];

  add(methods: string | string[], url: string): void {
    // A catch-all route would make every unknown path a 405.
    if (url === '*' || url === '/*') return;
    const source = url
      .split('/')
      .map((segment) =>
        segment.startsWith(':')
          ? '[^/]+'
          : segment === '*'
            ? '.*'
            : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    const regex = new RegExp(`^${source}$`);
    for (const method of Array.isArray(methods) ? methods : [methods]) this.#routes.push({ method, regex });
  }

  /** The methods the path answers to. */
  allowed(url: string): string[] {
    const path = url.split('?')[0] ?? url;
    const methods = this.#routes.filter((r) => r.regex.test(path)).map((r) => r.method);
    return [...new Set(methods)];
  }
}

export function registerErrorHandler(app: FastifyInstance): void {
  const routes = new RouteTable();
  app.addHook('onRoute', (route) => routes.add(route.method, route.url ?? route.path));

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.code === 'NOT_FOUND' && request.is404) {
        const allowed = routes.allowed(request.url);
        if (allowed.length > 0) {
          return reply
            .status(405)
            .header('allow', allowed.join(', '))
            .send({
              code: 'METHOD_NOT_ALLOWED',
              message: `${request.method} is not allowed here; use ${allowed.join(', ')}.`,
            } satisfies ApiError);
        }
      }
      return reply.status(error.status).headers(error.headers).send(error.toBody());
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const field = first ? fieldOf(first.instancePath, first.params?.missingProperty) : undefined;
      const where = error.validationContext === 'querystring' ? 'query' : error.validationContext;
      const body: ApiError = {
        code: 'VALIDATION_FAILED',
        message: first?.message ?? `The ${where ?? 'request'} is not valid.`,
        ...(field ? { field } : {}),
        // A check of the schema's own without a known rule: at least the web app can say the value is not valid.
        ...((first && validationRuleOf(first)) ?? { rule: 'invalid-type' }),
      };
      return reply.status(400).send(body);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const answer = clientError(error);
      return reply.status(answer.status).send(answer.toBody());
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .status(500)
      .send({ code: 'INTERNAL', message: 'Something went wrong on our side.' } satisfies ApiError);
  });
}

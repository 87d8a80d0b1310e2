import type { ApiError, ErrorCode } from '@vmsp/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** The one error type of the portal: a stable code, an HTTP status, and the field it concerns. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    status: number,
    message: string,
    options: { field?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.field = options.field;
    this.headers = options.headers ?? {};
  }

  toBody(): ApiError {
    return this.field
      ? { code: this.code, message: this.message, field: this.field }
      : { code: this.code, message: this.message };
  }
}

export const invalid = (field: string, message: string, code: ErrorCode = 'VALIDATION_FAILED') =>
  new AppError(code, 400, message, { field });
export const notFound = (what: string) => new AppError('NOT_FOUND', 404, `${what} was not found.`);
export const conflict = (code: ErrorCode, message: string, field?: string) =>
  new AppError(code, 409, message, field ? { field } : {});
export const forbidden = (message = 'You are not allowed to do this.') =>
  new AppError('FORBIDDEN', 403, message);

/** Field path from the validator's JSON pointer: "/address/postalCode" → "address.postalCode". */
function fieldOf(instancePath: string, missingProperty?: unknown): string | undefined {
  const parts = instancePath.split('/').filter(Boolean);
  if (typeof missingProperty === 'string') parts.push(missingProperty);
  return parts.length ? parts.join('.') : undefined;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
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
      };
      return reply.status(400).send(body);
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return reply
        .status(429)
        .send({ code: 'RATE_LIMITED', message: 'Too many requests. Try again later.' } satisfies ApiError);
    }
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .send({ code: 'VALIDATION_FAILED', message: error.message } satisfies ApiError);
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .status(500)
      .send({ code: 'INTERNAL', message: 'Something went wrong on our side.' } satisfies ApiError);
  });
}

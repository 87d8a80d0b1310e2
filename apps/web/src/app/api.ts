import type { ErrorCode } from '@vmsp/contracts';
import { type $ZodType, type output, safeParse } from 'zod/v4/core';

/** The server's codes, plus two the client raises itself when there is no usable answer. */
export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR' | 'BAD_RESPONSE';

/**
 * A failed API call. `code` is usually one of the contracts' error codes; it stays a string because an
 * older web app may meet a newer server, in which case the server's message is shown as it is.
 */
export class ApiRequestError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly status: number;
  /** Seconds to wait, from the Retry-After header (rate limits). */
  readonly retryAfter: number | undefined;
  /** The rule the input broke (VALIDATION_FAILED), with its number, for a message in the user's language. */
  readonly rule: string | undefined;
  readonly limit: number | undefined;

  constructor(init: {
    code: string;
    message: string;
    status: number;
    field?: string;
    retryAfter?: number;
    rule?: string;
    limit?: number;
  }) {
    super(init.message);
    this.name = 'ApiRequestError';
    this.code = init.code;
    this.field = init.field;
    this.status = init.status;
    this.retryAfter = init.retryAfter;
    this.rule = init.rule;
    this.limit = init.limit;
  }
}

export function isApiError(error: unknown, code?: ClientErrorCode): error is ApiRequestError {
  return error instanceof ApiRequestError && (code === undefined || error.code === code);
}

function parseRetryAfter(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function errorFrom(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => null);
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  if (isRecord(body) && typeof body.code === 'string' && typeof body.message === 'string') {
    return new ApiRequestError({
      code: body.code,
      message: body.message,
      status: response.status,
      ...(typeof body.field === 'string' ? { field: body.field } : {}),
      ...(retryAfter === undefined ? {} : { retryAfter }),
      ...(typeof body.rule === 'string' ? { rule: body.rule } : {}),
      ...(typeof body.limit === 'number' ? { limit: body.limit } : {}),
    });
  }
  return new ApiRequestError({
    code: response.status === 429 ? 'RATE_LIMITED' : 'INTERNAL',
    message: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    ...(retryAfter === undefined ? {} : { retryAfter }),
  });
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // Only with a body: Fastify refuses an empty body declared as JSON.
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new ApiRequestError({
      code: 'NETWORK_ERROR',
      message: error instanceof Error ? error.message : String(error),
      status: 0,
    });
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

/**
 * Parsed with zod's core, not a method of the schema: the first page checks its few answers with zod/mini
 * schemas and so downloads no more of zod than that; the other pages pass the contracts' schemas.
 */
async function parsed<S extends $ZodType>(response: Response, schema: S): Promise<output<S>> {
  const body: unknown = await response.json().catch(() => undefined);
  const result = safeParse(schema, body);
  if (result.success) return result.data;
  console.error('Unexpected response from', response.url, result.error.issues);
  throw new ApiRequestError({ code: 'BAD_RESPONSE', message: result.error.message, status: response.status });
}

/** JSON API calls. Each returns the response parsed with the contracts' schema, or throws ApiRequestError. */
export const api = {
  async get<S extends $ZodType>(path: string, schema: S): Promise<output<S>> {
    return parsed(await send('GET', path), schema);
  },
  async post<S extends $ZodType>(path: string, body: unknown, schema: S): Promise<output<S>> {
    return parsed(await send('POST', path, body), schema);
  },
  async put<S extends $ZodType>(path: string, body: unknown, schema: S): Promise<output<S>> {
    return parsed(await send('PUT', path, body), schema);
  },
  /** For calls answered with 204 No Content. */
  async putNoContent(path: string, body: unknown): Promise<void> {
    await send('PUT', path, body);
  },
  /** For calls answered with 204 No Content. */
  async delete(path: string): Promise<void> {
    await send('DELETE', path);
  },
};

/** A query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

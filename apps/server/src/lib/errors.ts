import type { ApiError, ErrorCode, ValidationRule } from '@vmsp/contracts';

/** The known rule a refused input broke, so that clients can word it in their user's language. */
export interface BrokenRule {
  rule: ValidationRule;
  limit?: number;
}

/**
 * The one error type of the portal: a stable code, an HTTP status, and the field it concerns. Services raise it;
 * `http/errors.ts` only turns it into a response, so no service depends on the HTTP layer.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly headers: Record<string, string>;
  readonly broken: BrokenRule | undefined;

  constructor(
    code: ErrorCode,
    status: number,
    message: string,
    options: { field?: string; headers?: Record<string, string>; broken?: BrokenRule } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.field = options.field;
    this.headers = options.headers ?? {};
    this.broken = options.broken;
  }

  toBody(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...this.broken,
    };
  }
}

export const invalid = (
  field: string,
  message: string,
  code: ErrorCode = 'VALIDATION_FAILED',
  broken?: BrokenRule,
) => new AppError(code, 400, message, broken ? { field, broken } : { field });
export const notFound = (what: string) => new AppError('NOT_FOUND', 404, `${what} was not found.`);
export const conflict = (code: ErrorCode, message: string, field?: string) =>
  new AppError(code, 409, message, field ? { field } : {});
export const forbidden = (message = 'You are not allowed to do this.') =>
  new AppError('FORBIDDEN', 403, message);

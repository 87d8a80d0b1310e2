import type { ApiError, ErrorCode, ValidationRule } from '@vmsp/contracts';

/** The known rule a refused input broke, so that clients can word it in their user's language. */
export interface BrokenRule {
  rule: ValidationRule;
  limit?: number;
}

/** A code other than VALIDATION_FAILED: it names the refusal itself, and clients word it by the code alone. */
export type OwnErrorCode = Exclude<ErrorCode, 'VALIDATION_FAILED'>;

interface AppErrorOptions {
  field?: string;
  headers?: Record<string, string>;
}

/**
 * The one error type of the portal: a stable code, an HTTP status, and the field it concerns. Services raise it;
 * `http/errors.ts` only turns it into a response, so no service depends on the HTTP layer. A VALIDATION_FAILED
 * must name the rule it broke (the type check refuses one without), so that every refusal can be worded in the
 * user's language.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly headers: Record<string, string>;
  readonly broken: BrokenRule | undefined;

  constructor(
    code: 'VALIDATION_FAILED',
    status: number,
    message: string,
    options: AppErrorOptions & { broken: BrokenRule },
  );
  constructor(code: OwnErrorCode, status: number, message: string, options?: AppErrorOptions);
  constructor(
    code: ErrorCode,
    status: number,
    message: string,
    options: AppErrorOptions & { broken?: BrokenRule } = {},
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

/**
 * A refused input (400) at `field`: either VALIDATION_FAILED with the rule it broke, or a code of its own.
 * `message` is the English sentence API clients and logs read; the web app words the rule or the code.
 */
export function invalid(field: string, message: string, broken: BrokenRule): AppError;
export function invalid(field: string, message: string, code: OwnErrorCode): AppError;
export function invalid(field: string, message: string, reason: BrokenRule | OwnErrorCode): AppError {
  return typeof reason === 'string'
    ? new AppError(reason, 400, message, { field })
    : new AppError('VALIDATION_FAILED', 400, message, { field, broken: reason });
}
export const notFound = (what: string) => new AppError('NOT_FOUND', 404, `${what} was not found.`);
export const conflict = (code: OwnErrorCode, message: string, field?: string) =>
  new AppError(code, 409, message, field ? { field } : {});
export const forbidden = (message = 'You are not allowed to do this.') =>
  new AppError('FORBIDDEN', 403, message);

import { isApiError } from './api.ts';

/** The form field a server error concerns, when it is one of the form's own fields. */
export function fieldOf<F extends string>(error: unknown, fields: readonly F[]): F | null {
  if (!isApiError(error) || error.field === undefined) return null;
  return fields.find((field) => field === error.field) ?? null;
}

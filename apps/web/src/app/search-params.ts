import { type NavigateOptions, useSearchParams } from 'react-router';

/** The 1-based `page` search parameter; anything else reads as the first page. */
export function pageParam(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** A copy of `params` with the given values set; undefined or empty removes a parameter. */
export function withParams(
  params: URLSearchParams,
  changes: Record<string, string | undefined>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  }
  return next;
}

/**
 * Search parameter changes: values to set (undefined or empty removes one), or made from the parameters as they
 * are.
 */
export type ParamChanges =
  | Record<string, string | undefined>
  | ((now: URLSearchParams) => Record<string, string | undefined>);

/**
 * Changes the page's search parameters starting from the address bar as it is at the call, not from a render's
 * copy: changes can come faster than renders (a navigation renders in a transition), and react-router's own
 * functional update is handed the render's copy, so the second of two quick changes (a day typed into `From`,
 * then one into `To`) would undo the first.
 */
export function useChangeSearchParams(): (changes: ParamChanges, options?: NavigateOptions) => void {
  const [, setSearchParams] = useSearchParams();
  return (changes, options) => {
    const now = new URLSearchParams(window.location.search);
    setSearchParams(withParams(now, typeof changes === 'function' ? changes(now) : changes), options);
  };
}

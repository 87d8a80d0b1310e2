/**
 * Text PostgreSQL cannot store: a NUL character, or half of a UTF-16 surrogate pair (which has no UTF-8
 * form, and which jsonb refuses as an escape). Such text is refused as input everywhere, never stored.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NUL = String.fromCharCode(0);

export const UNSTORABLE_TEXT_MESSAGE =
  'This text contains a character that cannot be stored (a NUL character or a broken Unicode character).';

export function isStorableText(text: string): boolean {
  return !text.includes(NUL) && !LONE_SURROGATE.test(text);
}

/**
 * The dot path ("address.street", "items.0") of the first string in a parsed JSON value, query or set of
 * path parameters that cannot be stored, or null when all can. An object key that cannot be stored names
 * the object it is in ('' at the top).
 */
export function findUnstorableText(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], path ? `${path}.${i}` : String(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && isPlainRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return path;
      const found = findUnstorableText(item, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * Records of parsed input: JSON objects, and parsed queries and path parameters (whose prototypes are
 * bare objects); not binary bodies, streams or dates.
 */
function isPlainRecord(value: object): value is Record<string, unknown> {
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date) return false;
  return typeof (value as { pipe?: unknown }).pipe !== 'function';
}

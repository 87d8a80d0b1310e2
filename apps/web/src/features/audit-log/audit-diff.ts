/** One field an action changed: its path in the recorded object, and its values before and after. */
export interface FieldChange {
  path: string[];
  before: unknown;
  after: unknown;
}

interface Leaf {
  path: string[];
  value: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** An object's values by path: a nested object is walked into; an array or a plain value is one leaf; null none. */
function leaves(value: unknown, path: string[] = [], out = new Map<string, Leaf>()): Map<string, Leaf> {
  if (isRecord(value)) {
    for (const [key, inner] of Object.entries(value)) leaves(inner, [...path, key], out);
  } else if (value !== null && value !== undefined) {
    out.set(JSON.stringify(path), { path, value });
  }
  return out;
}

/**
 * What an entry's before and after differ in, field by field: only the fields whose values differ (a field one
 * side lacks or holds null counts as empty there), in the order they first appear. An object that appears or
 * goes (created, removed) shows all its fields.
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const old = leaves(before);
  const now = leaves(after);
  return [...new Set([...old.keys(), ...now.keys()])].flatMap((key) => {
    const [b, a] = [old.get(key), now.get(key)];
    if (JSON.stringify(b?.value) === JSON.stringify(a?.value)) return [];
    return [{ path: (b ?? a)?.path ?? [], before: b?.value, after: a?.value }];
  });
}

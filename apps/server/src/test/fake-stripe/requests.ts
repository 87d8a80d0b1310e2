import type { IncomingMessage } from 'node:http';

// The fake Stripe API's requests: form bodies in Stripe's bracket notation, parameter checks, errors.

export type FormValue = string | FormValue[] | FormObject;
export type FormObject = { [key: string]: FormValue };

/**
 * Parses `application/x-www-form-urlencoded` with Stripe's bracket notation: `line_items[0][price]=p`
 * → `{ line_items: [{ price: 'p' }] }`; `expand[]=a` appends. Objects whose keys are all indexes become arrays.
 */
export function parseForm(text: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const name = /^[^[]+/.exec(key)?.[0];
    if (!name) continue;
    const path = [name, ...Array.from(key.slice(name.length).matchAll(/\[([^\]]*)\]/g), (m) => m[1] ?? '')];
    let node = root;
    path.forEach((segment, i) => {
      const slot = segment === '' ? String(Object.keys(node).length) : segment;
      if (i === path.length - 1) {
        node[slot] = value;
        return;
      }
      const child = node[slot];
      if (child === undefined || typeof child === 'string' || Array.isArray(child)) {
        const created: FormObject = {};
        node[slot] = created;
        node = created;
      } else {
        node = child;
      }
    });
  }
  return withArrays(root) as FormObject;
}

export function withArrays(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, withArrays(v)] as const);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: { type: string; message: string; code?: string; param?: string };
  constructor(status: number, message: string, extra: { type?: string; code?: string; param?: string } = {}) {
    super(message);
    this.status = status;
    this.body = {
      type: extra.type ?? 'invalid_request_error',
      message,
      code: extra.code,
      param: extra.param,
    };
  }
}

export const missing = (param: string) =>
  new ApiError(400, `Missing required param: ${param}.`, { code: 'parameter_missing', param });
export const invalid = (param: string, message: string) =>
  new ApiError(400, message, { code: 'parameter_invalid', param });
export const noSuch = (kind: string, id: string, param?: string) =>
  new ApiError(404, `No such ${kind}: '${id}'`, { code: 'resource_missing', param });

export function authenticate(authorization: string | undefined, validKey: string): void {
  const key = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (!key) {
    throw new ApiError(
      401,
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  if (key !== validKey) {
    const prefix = /^[a-z]+_(test|live)_/.exec(key)?.[0] ?? '';
    throw new ApiError(401, `Invalid API Key provided: ${prefix}****${key.slice(-4)}`);
  }
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A request's parameters at one level (`prefix` names them in errors as Stripe does: `tiers[1][up_to]`). */
export class Params {
  readonly values: FormObject;
  readonly prefix: string;
  constructor(values: FormObject, prefix = '') {
    this.values = values;
    this.prefix = prefix;
  }

  name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  /** Stripe refuses parameters it does not know. These lists are what the fake implements; add as needed. */
  allowOnly(...keys: string[]): this {
    for (const key of Object.keys(this.values)) {
      if (!keys.includes(key) && !(this.prefix === '' && key === 'expand')) {
        throw new ApiError(400, `Received unknown parameter: ${this.name(key)}`, {
          code: 'parameter_unknown',
          param: this.name(key),
        });
      }
    }
    return this;
  }

  has(key: string): boolean {
    return this.values[key] !== undefined;
  }

  text(key: string): string | undefined {
    const value = this.values[key];
    if (value !== undefined && typeof value !== 'string') {
      throw invalid(this.name(key), `Invalid string: ${key}`);
    }
    return value;
  }

  required(key: string): string {
    const value = this.text(key);
    if (value === undefined || value === '') throw missing(this.name(key));
    return value;
  }

  int(key: string): number | undefined {
    const value = this.text(key);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) {
      throw new ApiError(400, `Invalid integer: ${value}`, {
        code: 'parameter_invalid_integer',
        param: this.name(key),
      });
    }
    return Number(value);
  }

  bool(key: string): boolean | undefined {
    const value = this.text(key);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false') throw invalid(this.name(key), `Invalid boolean: ${value}`);
    return value === 'true';
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.text(key);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw invalid(this.name(key), `Invalid ${key}: must be one of ${allowed.join(', ')}`);
    }
    return value as T;
  }

  object(key: string): Params | undefined {
    const value = this.values[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string' || Array.isArray(value)) throw invalid(this.name(key), 'Invalid object');
    return new Params(value, this.name(key));
  }

  list(key: string): Params[] {
    const value = this.values[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw invalid(this.name(key), 'Invalid array');
    return value.map((element, i) => {
      if (typeof element === 'string' || Array.isArray(element)) {
        throw invalid(`${this.name(key)}[${i}]`, 'Invalid object');
      }
      return new Params(element, `${this.name(key)}[${i}]`);
    });
  }

  strings(key: string): string[] {
    const value = this.values[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      throw invalid(this.name(key), 'Invalid array');
    }
    return value as string[];
  }

  metadata(): Record<string, string> {
    // `metadata=` (empty) is how Stripe's callers clear it.
    const metadata = this.values.metadata === '' ? undefined : this.object('metadata');
    if (!metadata) return {};
    return Object.fromEntries(Object.keys(metadata.values).map((k) => [k, metadata.text(k) ?? '']));
  }
}

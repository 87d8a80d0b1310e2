import type { FastifyInstance, FastifyServerOptions } from 'fastify';

/** Where log lines go (pino's destination: anything with `write`). */
export interface LogStream {
  write(line: string): void;
}

/** What stands in the log where a secret was. */
export const REDACTED = '[REDACTED]';

/**
 * Query keys and route parameters whose values are secrets: one-time link tokens (setup, invitations,
 * password reset, e-mail verification), passwords, session ids, signatures.
 */
const SECRET_NAME = /token|password|secret|session|signature|^key$|^code$/i;

/** Body fields and headers that must never reach the log, should anything ever log them. */
const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["stripe-signature"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["set-cookie"]',
  'body.password',
  'body.passwordConfirmation',
  'body.currentPassword',
  'body.newPassword',
  'body.token',
  'body.key',
  'body.secretKey',
  'body.webhookSecret',
  '*.password',
  '*.passwordConfirmation',
  '*.token',
];

interface SerializedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

interface RoutePattern {
  regex: RegExp;
  /** Per path segment: whether it is a parameter that carries a secret. */
  secret: boolean[];
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Rewrites URLs before they are logged: the secret path parameters of the portal's own routes (every
 * `:token`, learnt from the routes as they are registered, so a new route with a token is covered without
 * a list to keep up to date) and the values of secret query keys become `[REDACTED]`. It works on the raw
 * URL, so a request that never reached its route (a bad escape, a parameter too long) is redacted as well.
 */
export class LogRedactor {
  readonly #patterns: RoutePattern[] = [];
  readonly #staticPaths = new Set<string>();

  /** Learns the routes of the app as they are added; call before any route is registered. */
  watch(app: FastifyInstance): void {
    app.addHook('onRoute', (route) => this.addRoute(route.url ?? route.path));
  }

  addRoute(url: string): void {
    if (!url.includes(':')) {
      this.#staticPaths.add(url);
      return;
    }
    const segments = url.split('/');
    const secret = segments.map((s) => s.startsWith(':') && SECRET_NAME.test(s.slice(1)));
    if (!secret.includes(true)) return;
    const source = segments.map((s) => (s.startsWith(':') ? '[^/]*' : escapeRegex(s))).join('/');
    this.#patterns.push({ regex: new RegExp(`^${source}$`), secret });
  }

  /** The URL as it may be logged. */
  url(url: string): string {
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query = q === -1 ? '' : url.slice(q + 1);
    return this.#path(path) + (q === -1 ? '' : `?${redactQuery(query)}`);
  }

  /** Free text (an error message or stack) with every URL-shaped secret in it redacted. */
  text(text: string): string {
    return text
      .replace(
        /(\w+:\/\/[^\s/'"`<>]+)?(\/[^\s'"`<>]*)/g,
        (_all, origin: string | undefined, url: string) => (origin ?? '') + this.url(url),
      )
      .replace(/\nparams: [^\n]*/g, `\nparams: ${REDACTED}`);
  }

  /**
   * An error as it may be logged: its kind, code, status, message and stack (URLs and a failed query's
   * `params:` line redacted) and its cause. Other own fields are left out on purpose: a failed query
   * carries its bound values (token hashes, password hashes, e-mail addresses) in them.
   */
  error(err: unknown, depth = 0): SerializedError {
    if (!(err instanceof Error)) return { type: typeof err, message: this.text(String(err)), stack: '' };
    const fields = err as Error & { code?: unknown; statusCode?: unknown };
    return {
      type: err.name,
      message: this.text(err.message),
      stack: this.text(err.stack ?? ''),
      ...(typeof fields.code === 'string' ? { code: fields.code } : {}),
      ...(typeof fields.statusCode === 'number' ? { statusCode: fields.statusCode } : {}),
      ...(err.cause !== undefined && depth < 3 ? { cause: this.error(err.cause, depth + 1) } : {}),
    };
  }

  #path(path: string): string {
    if (this.#staticPaths.has(path)) return path;
    for (const { regex, secret } of this.#patterns) {
      if (!regex.test(path)) continue;
      return path
        .split('/')
        .map((segment, i) => (secret[i] && segment !== '' ? REDACTED : segment))
        .join('/');
    }
    return path;
  }

  /** Fastify's logger options: its usual request fields with the URL redacted, errors scrubbed, secrets cut. */
  loggerOptions(level: string, stream?: LogStream): FastifyServerOptions['logger'] {
    return {
      level,
      ...(stream ? { stream } : {}),
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: {
        req: (req: {
          method: string;
          url: string;
          host?: string;
          ip?: string;
          socket?: { remotePort?: number };
        }) => ({
          method: req.method,
          url: this.url(req.url),
          host: req.host,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        }),
        err: (err: unknown) => this.error(err),
      },
    };
  }
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed escape in the name: judge it by its raw text.
      }
      return SECRET_NAME.test(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join('&');
}

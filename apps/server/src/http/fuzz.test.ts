import { ApiError } from '@vmsp/contracts';
import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/connection.ts';
import { createAdmin, createTestPortal, invitedCustomer, signIn, type TestPortal } from '../test/harness.ts';

/**
 * Malformed requests generated from the portal's own OpenAPI document, sent as an admin and as a customer
 * user: none may answer 5xx, every 4xx must be `{ code, message, field? }`, and no data may change. Each
 * request carries at least one part that must be refused (a wrong type, a missing field, text that cannot
 * be stored, a malformed body), so a success that changes something is a defect too.
 * FUZZ_SEED=<n> replays another sequence; a failure names the seed and the request.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof random>;

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  method: string;
  path: string;
  params: Parameter[];
  query: Parameter[];
  body: Schema | null;
}

const MB_STRING = 'x'.repeat(1_048_576);
const NUL = '\u0000';
const LONE_SURROGATES = ['\ud800', '\udfff', 'a\ud83d', '\udc00b'];
const TRAVERSALS = [
  '../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '....//....//etc/passwd',
  '%2e%2e%2f',
  '..\\..\\windows',
];
const WEIRD_NUMBERS = [-1, -0, 0, 1.5, 2 ** 53 + 2, -(2 ** 63), 1e308, Number.MAX_VALUE, Number.MIN_VALUE];
const WEIRD_QUERY_NUMBERS = [
  '-1',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '1.5',
  '0x10',
  '99999999999999999999',
  '',
  ' ',
];

/** The first alternative of a union, without null. */
function resolve(schema: Schema | undefined): Schema {
  if (!schema) return {};
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return resolve(options.find((o) => o.type !== 'null') ?? options[0]);
  if (schema.allOf?.length) return resolve(Object.assign({}, ...schema.allOf));
  return schema;
}

function typeOf(schema: Schema): string | undefined {
  const s = resolve(schema);
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  if (s.type) return s.type;
  if (s.properties) return 'object';
  if (s.enum) return typeof s.enum[0];
  if (s.const !== undefined) return typeof s.const;
  return undefined;
}

/** A value of the declared shape, as a careful client would send it. */
function sample(schema: Schema | undefined, rnd: Random): unknown {
  const s = resolve(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return rnd.pick(s.enum);
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(s.properties ?? {})) {
        if (s.required?.includes(key) || rnd.chance(0.5)) out[key] = sample(prop, rnd);
      }
      return out;
    }
    case 'array':
      return rnd.chance(0.5) ? [] : [sample(s.items, rnd)];
    case 'integer':
      return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 100, 1));
    case 'number':
      return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 100, 1));
    case 'boolean':
      return true;
    case 'string':
      switch (s.format) {
        case 'email':
          return 'fuzz@example.test';
        case 'uuid':
          return '00000000-0000-4000-8000-000000000000';
        case 'date-time':
          return '2026-01-01T00:00:00.000Z';
        default:
          return 'x'.repeat(Math.max(1, s.minLength ?? 1));
      }
    default:
      return 'x';
  }
}

/** A value that the schema must refuse (or that no stored text may hold). */
function wrong(schema: Schema | undefined, rnd: Random): unknown {
  const s = resolve(schema);
  const type = typeOf(s);
  const unstorable = rnd.pick([`a${NUL}b`, NUL, ...LONE_SURROGATES]);
  const options: unknown[] = [unstorable, { [NUL]: 1 }];
  if (type !== 'string') options.push('12', 'true', 'NaN', unstorable);
  if (type === 'string') {
    options.push(12, -1, true, ['x'], { x: 1 });
    if (s.maxLength !== undefined) options.push('y'.repeat(s.maxLength + 1 + rnd.int(100_000)));
    if (s.format === 'uuid')
      options.push(rnd.pick(TRAVERSALS), 'not-a-uuid', '00000000-0000-4000-8000-00000000000G');
    if (s.format === 'email') options.push('no-at-sign', '@', `${'a'.repeat(300)}@x.test`);
    if (s.enum?.length) options.push('bogus', String(s.enum[0]).toUpperCase());
  }
  if (type === 'integer') options.push(1.5, 2 ** 53 + 2, 'one');
  if (type === 'number' || type === 'integer') {
    if (s.minimum !== undefined) options.push(s.minimum - 1, -1e308);
    if (s.maximum !== undefined) options.push(s.maximum + 1, 1e308);
    options.push({ n: 1 }, [1]);
  }
  if (type === 'boolean') options.push(1, 'yes', null);
  if (type === 'array') options.push({ 0: 'x' }, 'x', 5);
  if (type === 'object') options.push([], 'x', 7, true);
  return rnd.pick(options);
}

/** Breaks a body that a careful client would send: at least one field must now be refused. */
function breakBody(schema: Schema, rnd: Random): unknown {
  const s = resolve(schema);
  const body = sample(s, rnd);
  if (typeOf(s) !== 'object' || !body || typeof body !== 'object') return wrong(s, rnd);
  const record = body as Record<string, unknown>;
  const props = Object.entries(s.properties ?? {});
  // Noise first: extra fields and odd, but maybe allowed, values elsewhere.
  if (rnd.chance(0.5))
    record[rnd.pick(['__proto__x', 'constructor', 'admin', 'role', 'id', 'version', 'extra'])] = rnd.pick([
      true,
      'admin',
      1,
      null,
      {},
    ]);
  for (const [key, prop] of props) {
    if (!rnd.chance(0.2)) continue;
    const type = typeOf(prop);
    if (type === 'string')
      record[key] = rnd.pick([
        ...TRAVERSALS,
        'x'.repeat(10_000),
        '  ',
        '<script>alert(1)</script>',
        "'; drop table customers; --",
      ]);
    if (type === 'number' || type === 'integer') record[key] = rnd.pick(WEIRD_NUMBERS);
  }
  // Then the part that must be refused.
  const required = s.required ?? [];
  const breakers: (() => void)[] = [];
  if (required.length) breakers.push(() => delete record[rnd.pick(required)]);
  if (props.length) {
    breakers.push(() => {
      const [key, prop] = rnd.pick(props);
      record[key] = wrong(prop, rnd);
    });
  }
  const strings = props.filter(([, p]) => typeOf(p) === 'string');
  if (strings.length) breakers.push(() => (record[rnd.pick(strings)[0]] = `${rnd.pick(TRAVERSALS)}${NUL}`));
  if (!breakers.length) return wrong(s, rnd);
  rnd.pick(breakers)();
  return record;
}

/** A query value that must be refused for this parameter. */
function wrongQueryValue(schema: Schema | undefined, rnd: Random): string {
  const s = resolve(schema);
  const type = typeOf(s);
  const options = [NUL, `a${NUL}`];
  if (type === 'number' || type === 'integer')
    options.push(...WEIRD_QUERY_NUMBERS.filter((v) => v !== '' && v !== ' ' && v !== '0x10'));
  if (s.enum?.length) options.push('bogus', '');
  if (s.maxLength !== undefined) options.push('q'.repeat(s.maxLength + 1));
  if (s.format === 'uuid') options.push('not-a-uuid', rnd.pick(TRAVERSALS));
  return rnd.pick(options);
}

/** Encodes a query value as a client would, keeping lone surrogates (which encodeURIComponent refuses). */
function encodeQuery(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\ud800-\udfff]/g, '%ED%A0%80');
  }
}

function operations(doc: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
      const op = raw as {
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      };
      const params = (op.parameters ?? []).filter((p) => p.in === 'path');
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      const body = op.requestBody?.content?.['application/json']?.schema ?? null;
      out.push({ method: method.toUpperCase(), path, params, query, body });
    }
  }
  return out;
}

/** The path with its parameters filled: all with valid samples, or one of them broken. */
function fillPath(op: Operation, rnd: Random, broken: string | null): string {
  return op.path.replace(/\{(\w+)\}/g, (_all, name: string) => {
    const param = op.params.find((p) => p.name === name);
    if (name !== broken) return encodeURIComponent(String(sample(param?.schema, rnd)));
    return rnd.pick([
      '%00',
      'a%00b',
      '%ZZ',
      '%E0%A4%A',
      '%ED%A0%80',
      'a'.repeat(600 + rnd.int(20_000)),
      `${encodeURIComponent(String(sample(param?.schema, rnd)))}%00`,
    ]);
  });
}

/** One malformed request for the operation; every request has at least one part that must be refused. */
function malformed(op: Operation, rnd: Random, cookie: string): InjectOptions {
  const headers: Record<string, string> = { cookie };
  const queryParts: string[] = [];
  let url = fillPath(op, rnd, null);
  let payload: string | undefined;

  const validBody = op.body ? JSON.stringify(sample(op.body, rnd)) : undefined;
  if (validBody !== undefined) {
    headers['content-type'] = 'application/json';
    payload = validBody;
  }
  for (const q of op.query) {
    if (q.required || rnd.chance(0.3))
      queryParts.push(`${q.name}=${encodeQuery(String(sample(q.schema, rnd)))}`);
  }
  if (rnd.chance(0.3))
    queryParts.push(
      rnd.pick(['__proto__[x]=1', 'page=1&page=2', 'extra=%2e%2e%2f', 'a[b][c]=d', 'y=%ED%A0%80', 'z=1e999']),
    );

  // The part that must be refused.
  const breakers: (() => void)[] = [
    () =>
      queryParts.push(
        `${rnd.pick(['q', 'x', 'page', 'name'])}=${rnd.pick(['%00', 'a%00b', '%00%F0%9F%9A%80'])}`,
      ),
  ];
  // Bodies count only where Fastify reads them.
  if (op.method !== 'GET')
    breakers.push(
      () => {
        payload = rnd.pick([
          '{',
          '{"a":',
          '[1,',
          'nul',
          '{"a":NaN}',
          '\u0000',
          '{"__proto__":{"x":1}}',
          '"\\ud800"',
        ]);
        headers['content-type'] = 'application/json';
      },
      () => {
        payload = rnd.pick(['a=b', '<x/>', 'plain text', '--b\r\n\r\nx\r\n--b--']);
        headers['content-type'] = rnd.pick([
          'application/xml',
          'text/html',
          'multipart/form-data; boundary=b',
          'application/octet-stream',
          'image/png',
        ]);
      },
      () => {
        payload = `{"pad":"${MB_STRING}"}`;
        headers['content-type'] = 'application/json';
      },
    );
  if (op.body)
    breakers.push(
      () => (payload = JSON.stringify(breakBody(op.body as Schema, rnd))),
      () => (payload = JSON.stringify(breakBody(op.body as Schema, rnd))),
    );
  if (op.params.length) breakers.push(() => (url = fillPath(op, rnd, rnd.pick(op.params).name)));
  const typedQuery = op.query.filter(
    (q) =>
      typeOf(q.schema ?? {}) !== 'string' ||
      resolve(q.schema).enum ||
      resolve(q.schema).maxLength !== undefined,
  );
  if (typedQuery.length) {
    breakers.push(() => {
      const q = rnd.pick(typedQuery);
      queryParts.push(`${q.name}=${encodeQuery(wrongQueryValue(q.schema, rnd))}`);
    });
  }
  rnd.pick(breakers)();
  // A body of a content type nobody parses, or none: these only count as broken when a body is read.
  if (payload !== undefined && headers['content-type'] === undefined)
    headers['content-type'] = 'application/json';
  if (queryParts.length) url += `?${queryParts.join('&')}`;
  return {
    method: op.method as InjectOptions['method'],
    url,
    headers,
    ...(payload !== undefined ? { payload } : {}),
  };
}

/** Text that is valid input but hostile to whatever handles it next: LIKE wildcards, quotes, paths, bidi. */
const HOSTILE_TEXT = [
  '%',
  '_',
  '\\',
  "'",
  '"',
  "' or '1'='1",
  '../../etc/passwd',
  '*',
  '(',
  '[',
  'ü',
  '🚀',
  '\u202e',
  '\t\n',
];

/**
 * A request of valid shape with hostile values, for reads only (they may reach the handler and the
 * database): extreme numbers within bounds, LIKE wildcards, path traversal, ids that do not exist.
 */
function hostileRead(op: Operation, rnd: Random, cookie: string): InjectOptions {
  const value = (schema: Schema | undefined): string => {
    const s = resolve(schema);
    if (s.enum?.length) return String(rnd.pick(s.enum));
    const type = typeOf(s);
    if (type === 'integer' || type === 'number') {
      const min = s.minimum ?? -(2 ** 53 - 1);
      const max = s.maximum ?? 2 ** 53 - 1;
      return String(
        rnd.pick([min, max, Math.min(max, 2 ** 31), Math.max(min, Math.min(max, 2 ** 31 - 1)), min + 1]),
      );
    }
    if (type === 'boolean') return rnd.pick(['true', 'false']);
    if (s.format === 'uuid')
      return `${rnd.int(1e8).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
    const text = rnd.pick([...HOSTILE_TEXT, 'x'.repeat(Math.min(s.maxLength ?? 300, 300))]);
    return s.maxLength !== undefined ? text.slice(0, s.maxLength) : text;
  };
  let url = op.path.replace(/\{(\w+)\}/g, (_all, name: string) =>
    encodeURIComponent(value(op.params.find((p) => p.name === name)?.schema)),
  );
  const query = op.query
    .filter(() => rnd.chance(0.7))
    .map((q) => `${q.name}=${encodeURIComponent(value(q.schema))}`);
  if (query.length) url += `?${query.join('&')}`;
  return { method: 'GET', url, headers: { cookie } };
}

/** API paths that try to climb out of their folder, raw and encoded in every usual way. */
const TRAVERSAL_URLS = [
  '/api/../../../../etc/passwd',
  '/api/customers/../../../package.json',
  '/api/customers/..%2F..%2F..%2Fpackage.json',
  '/api/customers/%2e%2e%2f%2e%2e%2fpackage.json',
  '/api/customers/..%252F..%252Fpackage.json',
  '/api/customers/..%5C..%5Cpackage.json',
  '/api/docs/static/..%2F..%2F..%2Fpackage.json',
  '/api/docs/static/../../../../etc/passwd',
  '/api/docs/..%2f..%2f..%2f..%2fetc%2fpasswd',
  '/api/settings/project-keys/..%2F..%2Fetc%2Fpasswd',
  '/api/invitations/..%2F..%2F..%2Fetc%2Fpasswd',
  '/api/mails/%2e%2e/%2e%2e/etc/passwd',
  '/api//customers',
  '/api/customers/%00/../..',
];

let portal: TestPortal;

/** Every row of every table, except what a refused request still touches on purpose. */
async function dataSnapshot(): Promise<Record<string, string>> {
  const db = portal.connection.db;
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    // Per-request counters of the rate limit count every request, refused or not.
    if (name === 'request_counts') continue;
    // A session's last activity moves with every request; which sessions exist may not change.
    const select =
      name === 'sessions'
        ? sql.raw(`select token_hash || user_id::text as r from sessions`)
        : sql.raw(`select t::text as r from "${name}" t`);
    const rows = await queryRows<{ r: string }>(db, select);
    out[name] = rows
      .map((r) => r.r)
      .sort()
      .join('\n');
  }
  return out;
}

const PUBLIC_JWK = JSON.stringify({
  kty: 'OKP',
  crv: 'Ed25519',
  x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
});

async function customerSession(admin: string): Promise<string> {
  const { cookie } = await invitedCustomer(portal, admin, {
    companyName: 'Fuzz GmbH',
    contactEmail: 'erika@fuzz.test',
  });
  return cookie;
}

beforeAll(async () => {
  // The limits count per user; this test sends thousands of requests in one minute of a stopped clock.
  portal = await createTestPortal({
    env: { RATE_LIMIT_SIGNED_IN_MAX: '1000000', RATE_LIMIT_ANONYMOUS_MAX: '1000000' },
  });
  await createAdmin(portal);
}, 120_000);
afterAll(() => portal.dispose());

describe('fuzzing the API from its OpenAPI document (R-8.3)', () => {
  it('answers thousands of malformed requests in the error shape, never 5xx, and changes no data', async () => {
    const admin = await signIn(portal, 'admin@provider.test');
    const inject = (options: InjectOptions) => portal.app.inject(options);
    const setup = [
      inject({
        method: 'PUT',
        url: '/api/settings/mail',
        headers: { cookie: admin },
        payload: { transport: 'log', fromAddress: 'portal@provider.test' },
      }),
    ];
    for (const res of await Promise.all(setup)) expect(res.statusCode, res.body).toBe(200);
    const signer = await inject({
      method: 'POST',
      url: '/api/settings/project-keys',
      headers: { cookie: admin },
      payload: { label: 'Upstream', publicJwk: PUBLIC_JWK },
    });
    expect(signer.statusCode, signer.body).toBe(201);
    const customer = await customerSession(admin);

    const doc = (await inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(50);

    const before = await dataSnapshot();
    const rnd = random(SEED);
    const failures: string[] = [];
    /** Successful requests that may change something: the suspects when data changed. */
    const successes: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    const ROUNDS = 16;
    for (let round = 0; round < ROUNDS; round++) {
      for (const op of ops) {
        for (const [who, cookie] of [
          ['admin', admin],
          ['customer', customer],
        ] as const) {
          const request = malformed(op, rnd, cookie);
          const res: LightMyRequestResponse = await inject(request);
          sent += 1;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode < 300 && (request.method !== 'GET' || String(request.url).includes('export')))
            successes.push(
              `${who} ${request.method} ${String(request.url).slice(0, 120)} ${String(request.payload ?? '').slice(0, 200)} → ${res.statusCode}`,
            );
          const problem = judge(res);
          if (problem) {
            const shown = `${request.method} ${String(request.url).slice(0, 200)} ${String(request.payload ?? '').slice(0, 200)}`;
            failures.push(
              `[seed ${SEED}, ${who}] ${shown} → ${res.statusCode} ${problem}: ${res.body.slice(0, 300)}`,
            );
          }
        }
      }
    }
    // Path traversal in the URL itself: refused or harmless, and never a file of the server.
    for (const url of TRAVERSAL_URLS) {
      for (const [who, cookie] of [
        ['admin', admin],
        ['customer', customer],
      ] as const) {
        const res = await inject({ method: 'GET', url, headers: { cookie } });
        sent += 1;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        // Clients resolve dot segments before sending (so does inject): what leaves /api gets the web
        // app, which this portal has not built, and says so.
        const leftApi = !new URL(url, 'http://portal.test').pathname.startsWith('/api/');
        const leaked = /root:x:0:0|"name": "@vmsp|APP_SECRET/.test(res.body) ? 'leaked a file' : null;
        const problem =
          leaked ?? (leftApi ? (res.statusCode === 503 ? null : 'not the web app') : judge(res));
        if (problem)
          failures.push(`[${who}] GET ${url} → ${res.statusCode} ${problem}: ${res.body.slice(0, 300)}`);
      }
    }
    // Reads with hostile but well-formed values reach the handlers and the database.
    const reads = ops.filter((op) => op.method === 'GET' && !op.path.endsWith('/export'));
    for (let round = 0; round < 8; round++) {
      for (const op of reads) {
        for (const [who, cookie] of [
          ['admin', admin],
          ['customer', customer],
        ] as const) {
          const request = hostileRead(op, rnd, cookie);
          const res = await inject(request);
          sent += 1;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const problem = judge(res);
          if (problem)
            failures.push(
              `[seed ${SEED}, ${who}] GET ${String(request.url).slice(0, 300)} → ${res.statusCode} ${problem}: ${res.body.slice(0, 300)}`,
            );
        }
      }
    }
    if (process.env.FUZZ_VERBOSE) console.log(JSON.stringify({ sent, statuses: [...statuses] }));
    const after = await dataSnapshot();
    const changed = Object.keys(before).filter((t) => before[t] !== after[t]);

    expect(sent).toBeGreaterThanOrEqual(2_000);
    expect(failures.slice(0, 20), `${failures.length} of ${sent} answers were wrong`).toEqual([]);
    expect(
      changed,
      `tables changed; successful requests that may change data:\n${successes.join('\n')}`,
    ).toEqual([]);
    // The requests reached the validators, not only the guards in front of them.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(sent / 4);
  }, 300_000);
});

/** What is wrong with an answer, or null. */
function judge(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return 'server error';
  if (res.statusCode < 400) return res.statusCode < 300 ? null : 'unexpected redirect';
  if (!String(res.headers['content-type']).startsWith('application/json')) return 'not JSON';
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return 'unparsable body';
  }
  return ApiError.strict().safeParse(body).success ? null : 'off the error shape';
}

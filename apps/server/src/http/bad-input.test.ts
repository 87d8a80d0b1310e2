import { ApiError } from '@vmsp/contracts';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/connection.ts';
import { createAdmin, createTestPortal, signIn, type TestPortal } from '../test/harness.ts';

let portal: TestPortal;
let admin: string;

const PUBLIC_JWK = JSON.stringify({
  kty: 'OKP',
  crv: 'Ed25519',
  x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
});

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS';
const api = (method: Method, url: string, payload?: object) =>
  portal.app.inject({ method, url, headers: { cookie: admin }, ...(payload ? { payload } : {}) });

/** Everything the refused requests could have touched. */
async function snapshot() {
  const [counts] = await queryRows<Record<string, number>>(
    portal.connection.db,
    sql`select (select count(*)::int from audit_log) as audit,
               (select count(*)::int from customers) as customers,
               (select count(*)::int from project_key_signers) as signers`,
  );
  const settings = await queryRows(portal.connection.db, sql`select * from settings order by 1`);
  return { counts, settings };
}

function expectError(res: LightMyRequestResponse, status: number, code: string, field?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = ApiError.strict().parse(res.json());
  expect(body.code).toBe(code);
  if (field !== undefined) expect(body.field).toBe(field);
  else expect(body.field).toBeUndefined();
}

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  admin = await signIn(portal, 'admin@provider.test');
  expect(
    (
      await api('PUT', '/api/settings/mail', {
        transport: 'log',
        fromAddress: 'portal@provider.test',
        fromName: 'Portal',
      })
    ).statusCode,
  ).toBe(200);
  expect(
    (await api('POST', '/api/settings/project-keys', { label: 'Upstream MSP', publicJwk: PUBLIC_JWK }))
      .statusCode,
  ).toBe(201);
});
afterAll(() => portal.dispose());

describe('text that cannot be stored (NUL, lone surrogates) is refused everywhere (R-8.3)', () => {
  const cases: [string, Method, string, object | undefined, string][] = [
    ['a search with NUL', 'GET', '/api/customers?q=%00', undefined, 'q'],
    ['the export with NUL', 'GET', '/api/customers/export?q=a%00b', undefined, 'q'],
    ['an audit filter with NUL', 'GET', '/api/audit?objectType=%00', undefined, 'objectType'],
    [
      'a sender name with NUL',
      'PUT',
      '/api/settings/mail',
      { transport: 'log', fromAddress: 'x@provider.test', fromName: 'a\u0000b' },
      'fromName',
    ],
    [
      'a sender name with a lone surrogate',
      'PUT',
      '/api/settings/mail',
      { transport: 'log', fromAddress: 'x@provider.test', fromName: '\ud800' },
      'fromName',
    ],
    [
      'a signer label with NUL',
      'POST',
      '/api/settings/project-keys',
      { label: 'a\u0000', publicJwk: PUBLIC_JWK },
      'label',
    ],
    [
      'a signer label with a lone low surrogate',
      'POST',
      '/api/settings/project-keys',
      { label: 'x\udc00y', publicJwk: PUBLIC_JWK },
      'label',
    ],
    ['a path parameter with NUL', 'DELETE', '/api/settings/project-keys/%00', undefined, 'kid'],
    [
      'a nested field',
      'PUT',
      `/api/customers/00000000-0000-4000-8000-000000000000/address`,
      { address: { street: '\ud83d', postalCode: '1', city: 'B', country: 'DE' } },
      'address.street',
    ],
    ['an object key', 'PUT', '/api/settings/mail', { transport: 'log', 'fromName\u0000': 'x' }, 'body'],
  ];

  for (const [what, method, url, payload, field] of cases) {
    it(`${what}: 400 VALIDATION_FAILED naming ${field}, and nothing changes`, async () => {
      const before = await snapshot();
      expectError(await api(method, url, payload), 400, 'VALIDATION_FAILED', field);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('keeps well-formed text outside the Basic Multilingual Plane', async () => {
    const res = await api('PUT', '/api/settings/mail', {
      transport: 'log',
      fromAddress: 'portal@provider.test',
      fromName: 'Portal 🚀 Ω',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await api('GET', '/api/settings/mail')).json().fromName).toBe('Portal 🚀 Ω');
  });
});

describe('every router and body error has the documented shape and its own code (R-8.3)', () => {
  it('a malformed %-escape in the path: 400 BAD_URL', async () => {
    expectError(await api('GET', '/api/customers/%ZZ'), 400, 'BAD_URL');
  });

  it('a 10,000-character path parameter: 414 URI_TOO_LONG', async () => {
    expectError(await api('GET', `/api/customers/${'a'.repeat(10_000)}`), 414, 'URI_TOO_LONG');
    expectError(await api('GET', `/api/invitations/${'a'.repeat(10_000)}`), 414, 'URI_TOO_LONG');
  });

  it('an unknown API path: 404 NOT_FOUND', async () => {
    expectError(await api('GET', '/api/nothing-here'), 404, 'NOT_FOUND');
    expectError(await api('POST', '/api'), 404, 'NOT_FOUND');
  });

  it('a known path with another method: 405 METHOD_NOT_ALLOWED with Allow', async () => {
    const res = await api('PATCH', '/api/settings/mail', { transport: 'log' });
    expectError(res, 405, 'METHOD_NOT_ALLOWED');
    expect(String(res.headers.allow).split(', ').sort()).toEqual(['GET', 'HEAD', 'PUT']);
    expectError(
      await api('DELETE', '/api/customers/00000000-0000-4000-8000-000000000000'),
      405,
      'METHOD_NOT_ALLOWED',
    );
  });

  it('a body over 1 MB: 413 PAYLOAD_TOO_LARGE', async () => {
    const before = await snapshot();
    expectError(
      await api('PUT', '/api/settings/mail', { transport: 'log', fromName: 'x'.repeat(1_100_000) }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('a body of another content type: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await portal.app.inject({
      method: 'PUT',
      url: '/api/settings/mail',
      headers: { cookie: admin, 'content-type': 'application/xml' },
      payload: '<transport>log</transport>',
    });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a body that is not JSON, or empty: 400 MALFORMED_JSON', async () => {
    for (const payload of ['{"transport": "log",', '']) {
      const res = await portal.app.inject({
        method: 'PUT',
        url: '/api/settings/mail',
        headers: { cookie: admin, 'content-type': 'application/json' },
        payload,
      });
      expectError(res, 400, 'MALFORMED_JSON');
    }
  });

  it('paths outside the API still get the web app, not an API error', async () => {
    // The test portal has no built web app: it says so in plain text instead of serving index.html.
    const res = await portal.app.inject({ method: 'GET', url: '/customers/%00?token=%00' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
  });
});

import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors.ts';
import { registerErrorHandler } from './errors.ts';
import { PORTAL_SECURITY_HEADERS, registerSecurityHeaders, securityHeaders } from './security-headers.ts';

async function appWith(register: (app: FastifyInstance) => Promise<void> | void): Promise<FastifyInstance> {
  const app = Fastify();
  registerErrorHandler(app);
  await register(app);
  app.get('/api/thing', async () => ({ ok: true }));
  app.get('/api/refused', async () => {
    throw new AppError('FORBIDDEN', 403, 'No.');
  });
  await app.ready();
  return app;
}

/** Every header but those that differ from one response to the next. */
function headersOf(res: LightMyRequestResponse): Record<string, unknown> {
  const { date: _date, ...rest } = res.headers;
  return rest;
}

let ours: FastifyInstance;
let plugin: FastifyInstance;

beforeAll(async () => {
  ours = await appWith((app) => registerSecurityHeaders(app, PORTAL_SECURITY_HEADERS));
  plugin = await appWith(async (app) => {
    await app.register(helmet, PORTAL_SECURITY_HEADERS);
  });
});

afterAll(async () => {
  await ours.close();
  await plugin.close();
});

describe('security headers', () => {
  it('are the headers Helmet sends for the same options, on answers, refusals and unknown paths alike', async () => {
    for (const url of ['/api/thing', '/api/refused', '/no/such/page']) {
      const [a, b] = await Promise.all([ours.inject({ url }), plugin.inject({ url })]);
      expect(a.statusCode).toBe(b.statusCode);
      expect(headersOf(a)).toEqual(headersOf(b));
    }
  });

  it("carry the portal's content security policy, HSTS and frame refusal", async () => {
    const res = await ours.inject({ url: '/api/thing' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(res.headers['content-security-policy']).toContain("img-src 'self' data:");
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuse a policy Helmet refuses, at start', () => {
    expect(() =>
      securityHeaders({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'; evil"] } } }),
    ).toThrow();
  });
});

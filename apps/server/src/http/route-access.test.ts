import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAdmin,
  createTestPortal,
  mailedToken,
  STRONG_PASSWORD,
  sessionCookieOf,
  signIn,
  type TestPortal,
} from '../test/harness.ts';
import { declareScopePublic, registerAccess, routeAccessTable } from './auth.ts';

/**
 * Every /api route open to anyone. A route joins this list only on purpose: one that declares `public` by
 * mistake fails here. Swagger UI's own files (/api/docs/...) are public as a whole and not listed one by one.
 */
const PUBLIC_API = [
  'DELETE /api/session',
  'GET /api/invitations/:token',
  'GET /api/openapi.json',
  'GET /api/password-reset/:token',
  'GET /api/setup/:token',
  'GET /api/sign-up',
  'GET /api/team-invitations/:token',
  'POST /api/invitations/accept',
  'POST /api/password-reset',
  'POST /api/password-reset/complete',
  'POST /api/session',
  'POST /api/setup',
  'POST /api/sign-up',
  'POST /api/sign-up/verify',
  'POST /api/stripe/webhook',
  'POST /api/team-invitations/accept',
];

/** A valid request to each main-user route; every route declared `main-user` needs one here. */
const MAIN_USER_REQUESTS: Record<string, (memberId: string) => { url: string; payload?: object }> = {
  'POST /api/portal/team/invitations': () => ({
    url: '/api/portal/team/invitations',
    payload: { email: 'third@acme.test' },
  }),
  'POST /api/portal/team/invitations/:userId/resend': (id) => ({
    url: `/api/portal/team/invitations/${id}/resend`,
  }),
  'DELETE /api/portal/team/invitations/:userId': (id) => ({ url: `/api/portal/team/invitations/${id}` }),
  'PUT /api/portal/team/members/:userId/enabled': (id) => ({
    url: `/api/portal/team/members/${id}/enabled`,
    payload: { enabled: false },
  }),
  'DELETE /api/portal/team/members/:userId': (id) => ({ url: `/api/portal/team/members/${id}` }),
  'POST /api/portal/team/main-user': (id) => ({ url: '/api/portal/team/main-user', payload: { userId: id } }),
};

describe('declaring access', () => {
  // Not async: a Fastify instance is thenable, and awaiting it would start it.
  function bare(declare: (app: FastifyInstance) => void): FastifyInstance {
    const app = Fastify({ logger: false });
    registerAccess(app);
    // As in the portal, the routes come in plugins: a refusal stops the start.
    app.register(async (routes) => declare(routes));
    return app;
  }

  it('stops the start on an /api route that declares no access', async () => {
    const app = bare((a) => a.get('/api/forgotten', async () => ({})));
    await expect(app.ready()).rejects.toThrow('GET /api/forgotten declares no access');
  });

  it('stops the start on a guarded route outside /api, where no session is read', async () => {
    const app = bare((a) => a.get('/reports', { config: { access: 'admin' } }, async () => ({})));
    await expect(app.ready()).rejects.toThrow('/reports is outside /api/');
  });

  it("makes a declared-public scope's routes public, and no one else's", async () => {
    const app = bare((a) => {
      a.register(async (scope) => {
        declareScopePublic(scope);
        scope.get('/api/docs/page', async () => ({}));
      });
      a.get('/api/own', { config: { access: 'user' } }, async () => ({}));
    });
    await app.ready();
    const table = routeAccessTable(app)
      .filter((r) => r.method === 'GET')
      .sort((a, b) => a.url.localeCompare(b.url));
    expect(table).toEqual([
      { method: 'GET', url: '/api/docs/page', access: 'public', guard: null },
      { method: 'GET', url: '/api/own', access: 'user', guard: 'requireUser' },
    ]);
    await app.close();
  });
});

describe('the access of every route of the portal', () => {
  let portal: TestPortal;
  let admin: string;
  let main: string;
  let member: string;
  let memberId: string;

  const api = (
    method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    cookie = '',
    payload?: object,
  ) => portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

  const acceptBody = (token: string) => ({
    token,
    password: STRONG_PASSWORD,
    passwordConfirmation: STRONG_PASSWORD,
  });

  beforeAll(async () => {
    portal = await createTestPortal();
    await createAdmin(portal);
    admin = await signIn(portal, 'admin@provider.test');
    const mail = await api('PUT', '/api/settings/mail', admin, {
      transport: 'log',
      fromAddress: 'portal@provider.test',
    });
    expect(mail.statusCode, mail.body).toBe(200);
    // A customer whose contact registered (its main user) and a member who joined the team.
    const created = await api('POST', '/api/customers', admin, {
      companyName: 'Acme GmbH',
      address: { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
      contactName: 'Erika Mustermann',
      contactEmail: 'main@acme.test',
      serviceMode: 'managed',
    });
    expect(created.statusCode, created.body).toBe(201);
    const registered = await api(
      'POST',
      '/api/invitations/accept',
      '',
      acceptBody(
        await mailedToken(portal, 'main@acme.test', { template: 'customer-invite', page: 'invitation' }),
      ),
    );
    expect(registered.statusCode, registered.body).toBe(200);
    main = sessionCookieOf(registered);
    const invited = await api('POST', '/api/portal/team/invitations', main, { email: 'member@acme.test' });
    expect(invited.statusCode, invited.body).toBe(201);
    memberId = invited.json().id;
    const joined = await api(
      'POST',
      '/api/team-invitations/accept',
      '',
      acceptBody(
        await mailedToken(portal, 'member@acme.test', { template: 'team-invite', page: 'team-invitation' }),
      ),
    );
    expect(joined.statusCode, joined.body).toBe(200);
    member = sessionCookieOf(joined);
  });

  afterAll(async () => {
    await portal?.dispose();
  });

  it('declares an access for every /api route, and only the listed ones are public', () => {
    const table = routeAccessTable(portal.app);
    const lines = table.map(
      (r) => `${r.method.padEnd(7)} ${r.url.padEnd(52)} ${r.access ?? '(outside /api)'} ${r.guard ?? ''}`,
    );
    console.log(`Routes and their access:\n${lines.join('\n')}`);

    const api = table.filter((r) => r.url.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(50);
    expect(api.filter((r) => r.access === null)).toEqual([]);
    const publicApi = api
      .filter((r) => r.access === 'public' && r.method !== 'HEAD' && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url}`);
    expect(publicApi.sort()).toEqual(PUBLIC_API);
    // Outside /api only public routes exist (health checks, the web app's files).
    expect(
      table.filter((r) => !r.url.startsWith('/api/') && r.access !== 'public' && r.access !== null),
    ).toEqual([]);
  });

  it('refuses the anonymous with 401 on every route that needs a session, HEAD included', async () => {
    for (const [method, url] of [
      ['GET', '/api/session'],
      ['GET', '/api/customers'],
      ['HEAD', '/api/customers'],
      ['GET', '/api/portal/company'],
      ['GET', '/api/portal/subscription'],
    ] as const) {
      const res = await api(method, url);
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      if (method !== 'HEAD')
        expect(res.json()).toEqual({ code: 'NOT_AUTHENTICATED', message: 'Sign in first.' });
    }
  });

  it('refuses customer users on admin routes with 403', async () => {
    for (const url of ['/api/customers', '/api/admins', '/api/audit', '/api/settings/mail']) {
      const res = await api('GET', url, main);
      expect(res.statusCode, url).toBe(403);
      expect(res.json()).toEqual({ code: 'FORBIDDEN', message: 'This needs an administrator.' });
    }
  });

  it('refuses admins on customer routes with 403', async () => {
    for (const url of ['/api/portal/company', '/api/portal/subscription', '/api/portal/team']) {
      const res = await api('GET', url, admin);
      expect(res.statusCode, url).toBe(403);
      expect(res.json()).toEqual({ code: 'FORBIDDEN', message: 'This is for customer users.' });
    }
  });

  it('refuses a member who is not the main user on every main-user route with 403', async () => {
    const mainUserRoutes = routeAccessTable(portal.app)
      .filter((r) => r.access === 'main-user')
      .map((r) => `${r.method} ${r.url}`);
    expect(mainUserRoutes.sort()).toEqual(Object.keys(MAIN_USER_REQUESTS).sort());
    for (const route of mainUserRoutes) {
      const method = route.split(' ')[0] as 'POST' | 'PUT' | 'DELETE';
      const { url, payload } = (
        MAIN_USER_REQUESTS[route] as (id: string) => { url: string; payload?: object }
      )(memberId);
      const res = await api(method, url, member, payload);
      expect(res.statusCode, `${route}: ${res.body}`).toBe(403);
      expect(res.json().code).toBe('NOT_MAIN_USER');
    }
    // The member still reads the team: that route is for every customer user.
    expect((await api('GET', '/api/portal/team', member)).statusCode).toBe(200);
  });
});

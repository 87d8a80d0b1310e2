import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, forbidden } from '../lib/errors.ts';
import type { AuthService, Principal, SignedIn } from '../modules/auth/auth.service.ts';

export const SESSION_COOKIE = 'vmsp_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/**
 * Resolves the session cookie of every API request to a principal (or null). The session is looked up
 * on each request, so revoking it (sign-out, lock, disable) takes effect on the very next request.
 */
export function registerAuth(
  app: FastifyInstance,
  auth: AuthService,
  options: { secureCookies: boolean },
): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    // The rate limit's statement has read the session already, when it counted the request.
    request.principal = token ? await auth.resolve(token, request.countedSession ?? undefined) : null;
  });
  app.decorateReply('setSession', function (this: FastifyReply, signedIn: SignedIn) {
    return this.setCookie(SESSION_COOKIE, signedIn.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookies,
      expires: signedIn.expiresAt,
    });
  });
  app.decorateReply('clearSession', function (this: FastifyReply) {
    return this.clearCookie(SESSION_COOKIE, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookies,
    });
  });
}

declare module 'fastify' {
  interface FastifyReply {
    setSession(signedIn: SignedIn): FastifyReply;
    clearSession(): FastifyReply;
  }
}

const notSignedIn = () => new AppError('NOT_AUTHENTICATED', 401, 'Sign in first.');

/**
 * Who may call a route. Every route under /api/ states it in its options, `config: { access: 'admin' }`, and the
 * portal does not start while one does not (see `registerAccess`):
 * - `public`: anyone, signed in or not (sign-in, sign-up, invitation, setup and password-reset links, the Stripe
 *   webhook, which its signature authenticates, the API docs, health checks).
 * - `user`: any signed-in user (401 otherwise).
 * - `customer`: a signed-in customer user; admins get 403, they have no company in the portal.
 * - `main-user`: a customer user, and the route's service refuses everyone but the customer's main user
 *   (403 NOT_MAIN_USER). The service decides that under the customer's row lock, because a hand-over can change
 *   the main user between any earlier check and the change.
 * - `admin`: a signed-in provider admin; customer users get 403, whatever they ask for.
 */
export type Access = 'public' | 'user' | 'customer' | 'main-user' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** A signed-in customer user: the customer they act for is known. */
export type CustomerUser = Principal & { role: 'customer'; customerId: string };

function isCustomerUser(principal: Principal): principal is CustomerUser {
  return principal.role === 'customer' && !!principal.customerId;
}

async function requireUser(request: FastifyRequest): Promise<void> {
  principalOf(request);
}

async function requireCustomerUser(request: FastifyRequest): Promise<void> {
  customerUserOf(request);
}

async function requireAdmin(request: FastifyRequest): Promise<void> {
  if (principalOf(request).role !== 'admin') throw forbidden('This needs an administrator.');
}

/** The preHandler that enforces each kind of access; public routes need none. */
const GUARDS: Record<Access, ((request: FastifyRequest) => Promise<void>) | null> = {
  public: null,
  user: requireUser,
  customer: requireCustomerUser,
  'main-user': requireCustomerUser,
  admin: requireAdmin,
};

/** A route as the access table lists it: null access is a route outside /api/ that declares none. */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access | null;
  guard: string | null;
}

const PUBLIC_SCOPE = 'routesArePublic';
const accessTables = new WeakMap<FastifyInstance, RouteAccess[]>();

/**
 * Puts each route's declared access in force: the guard of its kind runs first among the route's preHandlers,
 * after validation, so a malformed request is answered 400 whoever sends it. A route under /api/ without a
 * declared access stops the start. Routes outside /api/ (the web app's files, health checks) never see a
 * session, so only `public` makes sense there. Register before any route.
 */
export function registerAccess(app: FastifyInstance): void {
  const table: RouteAccess[] = [];
  accessTables.set(app, table);
  app.addHook('onRoute', function (this: FastifyInstance, route) {
    const where = `${[route.method].flat().join(',')} ${route.url}`;
    const access = route.config?.access ?? (this.hasDecorator(PUBLIC_SCOPE) ? 'public' : undefined);
    const isApi = route.url.startsWith('/api/');
    if (!access && isApi)
      throw new Error(`${where} declares no access: add config: { access } to its options.`);
    if (access && access !== 'public' && !isApi)
      throw new Error(`${where} is outside /api/, where no session is read: only public access works there.`);
    const guard = access ? GUARDS[access] : null;
    if (access) route.config = { ...route.config, access };
    if (guard) route.preHandler = [guard, ...[route.preHandler ?? []].flat()] as typeof route.preHandler;
    for (const method of [route.method].flat()) {
      table.push({ method, url: route.url, access: access ?? null, guard: guard?.name ?? null });
    }
  });
}

/**
 * Declares every route registered in this encapsulated scope public: for third-party plugins whose routes
 * cannot carry `config.access` (Swagger UI).
 */
export function declareScopePublic(scope: FastifyInstance): void {
  scope.decorate(PUBLIC_SCOPE, true);
}

/** Every route registered since `registerAccess`, with its access and guard. */
export function routeAccessTable(app: FastifyInstance): readonly RouteAccess[] {
  return accessTables.get(app) ?? [];
}

/** The signed-in customer user of a request on a `customer` or `main-user` route. */
export function customerUserOf(request: FastifyRequest): CustomerUser {
  const principal = principalOf(request);
  if (!isCustomerUser(principal)) throw forbidden('This is for customer users.');
  return principal;
}

/** The signed-in principal of a request behind a guard. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw notSignedIn();
  return request.principal;
}

/** The acting admin or user, for services and the audit log. */
export function actorOf(request: FastifyRequest): { id: string; email: string; ip: string } {
  const p = principalOf(request);
  return { id: p.id, email: p.email, ip: request.ip };
}

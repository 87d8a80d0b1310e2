import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.ts';
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

/** preHandler: any signed-in user. */
export async function requireUser(request: FastifyRequest): Promise<void> {
  if (!request.principal) throw notSignedIn();
}

/** preHandler: a signed-in provider admin. Customer users get 403, whatever they ask for. */
export async function requireAdmin(request: FastifyRequest): Promise<void> {
  if (!request.principal) throw notSignedIn();
  if (request.principal.role !== 'admin')
    throw new AppError('FORBIDDEN', 403, 'This needs an administrator.');
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

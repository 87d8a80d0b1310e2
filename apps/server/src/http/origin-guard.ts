import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that a browser sends from another site, on top of SameSite cookies:
 * `Sec-Fetch-Site: cross-site|same-site` or an `Origin` that is neither the portal's public origin nor the
 * origin the request was addressed to. Requests without either header (CLI tools, server-to-server
 * webhooks) carry no ambient browser credentials and pass.
 */
export function registerOriginGuard(
  app: FastifyInstance,
  publicUrl: string,
  exempt: (url: string) => boolean = () => false,
): void {
  const publicOrigin = new URL(publicUrl).origin;
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method) || exempt(request.url)) return;
    const fetchSite = request.headers['sec-fetch-site'];
    if (fetchSite === 'cross-site' || fetchSite === 'same-site') throw refused();
    const origin = request.headers.origin;
    if (origin === undefined) return;
    const requestOrigin = `${request.protocol}://${request.host}`;
    if (origin !== publicOrigin && origin !== requestOrigin) throw refused();
  });
}

const refused = () => new AppError('CROSS_ORIGIN_REFUSED', 403, 'Requests from other sites are refused.');

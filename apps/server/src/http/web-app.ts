import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../lib/errors.ts';

/** Vite names every file under `assets/` after a hash of its content: a new build means new names. */
const HASHED_ASSETS_DIR = 'assets';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current build's assets: the browser asks again (cheaply, by ETag) each time. */
const REVALIDATE = 'no-cache';

/**
 * Serves the built single-page app. The build writes a brotli and a gzip copy beside each text file
 * (`x.js.br`, `x.js.gz`); the best one the browser accepts is sent as it is (br, then gzip, else the
 * file itself), with `Vary: Accept-Encoding`. Hashed assets may be cached for a year; index.html, also
 * as the answer to the app's own paths, is revalidated on every load so that a new build takes effect.
 * Unknown API paths and missing assets get the JSON error shape; other unknown paths get index.html so
 * that the app's router can show them.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const root = path.resolve(distDir);
  const hasBuild = existsSync(path.join(root, 'index.html'));
  const assetsDir = path.join(root, HASHED_ASSETS_DIR) + path.sep;
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      preCompressed: true,
      // The encoded copies are chosen by negotiation, never asked for by name.
      globIgnore: ['**/*.br', '**/*.gz'],
      cacheControl: false,
      setHeaders: (reply: FastifyReply, file: string) => {
        reply.header('cache-control', file.startsWith(assetsDir) ? IMMUTABLE : REVALIDATE);
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    const isApi = pathname.startsWith('/api/') || pathname === '/api';
    const isAsset = pathname.startsWith(`/${HASHED_ASSETS_DIR}/`);
    const isPage = request.method === 'GET' || request.method === 'HEAD';
    if (isApi || isAsset || !isPage)
      throw new AppError('NOT_FOUND', 404, `${request.method} ${pathname} does not exist.`);
    if (!hasBuild)
      return reply.status(503).type('text/plain').send('The web app is not built. Run `npm run build`.');
    return reply.sendFile('index.html');
  });
}

import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from '@vmsp/contracts';
import type { FastifyInstance } from 'fastify';
import { invalid } from '../lib/errors.ts';

/**
 * One rule for every route: text that PostgreSQL cannot store (NUL, a lone surrogate) is refused with
 * 400 VALIDATION_FAILED naming the field, in the path, the query and the body alike, before any schema or
 * handler sees it. Without it such text reached the database and failed there with a 500.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    // Paths no route serves only ever get the web app or a 404; their query is nobody's input.
    if (request.is404) return;
    const sources: [unknown, string][] = [
      [request.params, 'params'],
      [request.query, 'query'],
      [request.body, 'body'],
    ];
    for (const [value, where] of sources) {
      const field = findUnstorableText(value);
      if (field !== null) throw invalid(field || where, UNSTORABLE_TEXT_MESSAGE, { rule: 'unstorable-text' });
    }
  });
}

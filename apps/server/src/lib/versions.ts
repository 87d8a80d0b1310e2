import { conflict } from './errors.ts';

/**
 * Optimistic concurrency: a change made on an older view of a customer is refused, never merged. Every change
 * of a customer row bumps its version, whichever module makes it (the customer's own data, its subscription).
 */
export function assertVersion(c: { version: number }, version: number): void {
  if (version !== c.version) {
    throw conflict('CONFLICT', 'Someone else changed this customer meanwhile. Reload and try again.');
  }
}

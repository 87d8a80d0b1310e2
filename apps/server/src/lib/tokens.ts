import { createHash, randomBytes } from 'node:crypto';

/** A random, URL-safe token with 256 bits of entropy: session cookies and single-use links. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash is stored, so the database never holds a usable token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

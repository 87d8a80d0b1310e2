import { randomUUID } from 'node:crypto';
import {
  CompactSign,
  calculateJwkThumbprint,
  compactVerify,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose';
import { z } from 'zod';

/**
 * The project key format: a compact JWS signed with Ed25519 by the upstream MSP. Its protected header
 * names the signer by `kid`, the RFC 7638 thumbprint of the signer's public key, so the portal finds the key to
 * verify with and a signer's id never depends on what someone typed. Pure: no database, no clock.
 */

export const PROJECT_KEY_TYP = 'vmsp-project-key+jws';
const ALG = 'EdDSA';

/** An MSP's public key as Settings → Project Keys stores it. */
export interface SignerPublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

export interface ProjectKeySignerKey {
  kid: string;
  publicJwk: SignerPublicJwk;
}

export interface ProjectKeyClaims {
  keyId: string;
  signerKid: string;
  ips: number;
  months: number;
  purchasePriceMinor: number;
  currency: string;
  issuedAt: Date;
  expiresAt: Date;
}

export type ProjectKeyRefusal = 'malformed' | 'unknown-signer' | 'bad-signature' | 'expired';

export type VerifyResult = { ok: true; claims: ProjectKeyClaims } | { ok: false; reason: ProjectKeyRefusal };

const positive = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const seconds = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** The claims as they travel in the payload (JWT-style names, instants in seconds). */
const Payload = z
  .object({
    jti: z.string().min(1).max(200),
    ips: positive,
    months: positive,
    purchase_price_minor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    currency: z.string().regex(/^[A-Z]{3}$/),
    iat: seconds,
    exp: seconds,
  })
  // A key that expires before it was issued is no key an MSP meant to sell.
  .refine((p) => p.exp > p.iat);
type Payload = z.infer<typeof Payload>;

/** The thumbprint of the public part only, so a private JWK and its public JWK get the same kid. */
export function signerKid(jwk: SignerPublicJwk): Promise<string> {
  return calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'sha256');
}

export async function generateSignerKeyPair(): Promise<{
  kid: string;
  privateJwk: JWK;
  publicJwk: SignerPublicJwk & { kid: string };
}> {
  const { privateKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
  const exported = await exportJWK(privateKey);
  if (typeof exported.x !== 'string' || typeof exported.d !== 'string')
    throw new Error('jose exported an Ed25519 key without x or d');
  const publicJwk = { kty: 'OKP', crv: 'Ed25519', x: exported.x } as const;
  const kid = await signerKid(publicJwk);
  return { kid, privateJwk: { ...publicJwk, d: exported.d, kid }, publicJwk: { ...publicJwk, kid } };
}

export interface IssueProjectKeyInput {
  privateJwk: JWK;
  /** Defaults to a random UUID. */
  keyId?: string;
  ips: number;
  months: number;
  purchasePriceMinor: number;
  currency: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** Signs a project key; throws when the claims are ones the portal would refuse, so no such key leaves. */
export async function issueProjectKey(input: IssueProjectKeyInput): Promise<string> {
  const { privateJwk } = input;
  if (privateJwk.kty !== 'OKP' || privateJwk.crv !== 'Ed25519' || !privateJwk.x || !privateJwk.d)
    throw new Error('The signing key must be a private Ed25519 JWK (kty OKP, crv Ed25519, with x and d).');
  const payload: Payload = Payload.parse({
    jti: input.keyId ?? randomUUID(),
    ips: input.ips,
    months: input.months,
    purchase_price_minor: input.purchasePriceMinor,
    currency: input.currency,
    iat: Math.floor(input.issuedAt.getTime() / 1000),
    exp: Math.floor(input.expiresAt.getTime() / 1000),
  });
  const kid = await signerKid({ kty: 'OKP', crv: 'Ed25519', x: privateJwk.x });
  const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: privateJwk.x, d: privateJwk.d }, ALG);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: ALG, kid, typ: PROJECT_KEY_TYP })
    .sign(key);
}

/**
 * base64url as RFC 7515 writes it: no padding, and no stray bits in the last character. Decoders ignore those
 * bits, so without this check a changed last character of the signature would still verify.
 */
export function isCanonicalBase64url(part: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(part) && Buffer.from(part, 'base64url').toString('base64url') === part;
}

function headerKid(token: string): string | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every(isCanonicalBase64url)) return null;
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== ALG || header.typ !== PROJECT_KEY_TYP || typeof header.kid !== 'string') return null;
    return header.kid;
  } catch {
    return null;
  }
}

function parsePayload(bytes: Uint8Array): Payload | null {
  try {
    const parsed = Payload.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Checks a key in the order that gives the truest reason: its shape, its signer, its signature, and only then
 * the claims it carries, so a forged or altered key never reports "expired". `now` is the caller's clock.
 */
export async function verifyProjectKey(
  token: string,
  signers: readonly ProjectKeySignerKey[],
  now: Date,
): Promise<VerifyResult> {
  const kid = headerKid(token);
  if (kid === null) return { ok: false, reason: 'malformed' };
  const signer = signers.find((s) => s.kid === kid);
  if (!signer) return { ok: false, reason: 'unknown-signer' };

  let payloadBytes: Uint8Array;
  try {
    const key = await importJWK({ ...signer.publicJwk }, ALG);
    ({ payload: payloadBytes } = await compactVerify(token, key, { algorithms: [ALG] }));
  } catch {
    return { ok: false, reason: 'bad-signature' };
  }

  const payload = parsePayload(payloadBytes);
  if (!payload) return { ok: false, reason: 'malformed' };
  if (payload.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    claims: {
      keyId: payload.jti,
      signerKid: kid,
      ips: payload.ips,
      months: payload.months,
      purchasePriceMinor: payload.purchase_price_minor,
      currency: payload.currency,
      issuedAt: new Date(payload.iat * 1000),
      expiresAt: new Date(payload.exp * 1000),
    },
  };
}

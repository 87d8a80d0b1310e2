import fc from 'fast-check';
import { CompactSign, importJWK, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateSignerKeyPair,
  issueProjectKey,
  PROJECT_KEY_TYP,
  type ProjectKeySignerKey,
  verifyProjectKey,
} from './project-key-token.ts';

const issuedAt = new Date('2026-01-15T10:00:00Z');
const expiresAt = new Date('2027-01-15T10:00:00Z');
const now = new Date('2026-02-01T00:00:00Z');
const claims = { ips: 100, months: 12, purchasePriceMinor: 120_000, currency: 'EUR', issuedAt, expiresAt };

let msp: Awaited<ReturnType<typeof generateSignerKeyPair>>;
let other: Awaited<ReturnType<typeof generateSignerKeyPair>>;
let signers: ProjectKeySignerKey[];
let valid: string;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const [header, payload, signature] = [0, 1, 2] as const;
const partOf = (token: string, i: number) => token.split('.')[i] ?? '';
const decoded = (token: string, i: number) =>
  JSON.parse(Buffer.from(partOf(token, i), 'base64url').toString('utf8'));

/** Signs anything, as a sloppy or hostile issuer could; the portal must still judge it. */
async function signRaw(privateJwk: JWK, protectedHeader: object, body: unknown): Promise<string> {
  const key = await importJWK(privateJwk, 'EdDSA');
  const bytes = new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
  return new CompactSign(bytes).setProtectedHeader({ alg: 'EdDSA', ...protectedHeader }).sign(key);
}

beforeAll(async () => {
  msp = await generateSignerKeyPair();
  other = await generateSignerKeyPair();
  signers = [{ kid: msp.kid, publicJwk: msp.publicJwk }];
  valid = await issueProjectKey({ privateJwk: msp.privateJwk, keyId: 'PK-2026-0001', ...claims });
});

describe('generateSignerKeyPair', () => {
  it('makes an Ed25519 pair whose kid is the public key thumbprint, in both JWKs', () => {
    expect(msp.publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: msp.kid });
    expect(msp.privateJwk).toMatchObject({ ...msp.publicJwk, d: expect.any(String) });
    expect(msp.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(other.kid).not.toBe(msp.kid);
  });
});

describe('verifyProjectKey', () => {
  it('accepts a key issued by a configured signer and reads its claims', async () => {
    expect(decoded(valid, header)).toEqual({ alg: 'EdDSA', kid: msp.kid, typ: PROJECT_KEY_TYP });
    expect(decoded(valid, payload)).toEqual({
      jti: 'PK-2026-0001',
      ips: 100,
      months: 12,
      purchase_price_minor: 120_000,
      currency: 'EUR',
      iat: issuedAt.getTime() / 1000,
      exp: expiresAt.getTime() / 1000,
    });
    expect(await verifyProjectKey(valid, signers, now)).toEqual({
      ok: true,
      claims: { keyId: 'PK-2026-0001', signerKid: msp.kid, ...claims },
    });
  });

  it('gives every key a fresh random id unless one is chosen', async () => {
    const a = await issueProjectKey({ privateJwk: msp.privateJwk, ...claims });
    const b = await issueProjectKey({ privateJwk: msp.privateJwk, ...claims });
    expect(decoded(a, payload).jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(decoded(a, payload).jti).not.toBe(decoded(b, payload).jti);
  });

  it('refuses a key forged with another private key under a configured kid', async () => {
    const forged = await signRaw(
      other.privateJwk,
      { kid: msp.kid, typ: PROJECT_KEY_TYP },
      decoded(valid, payload),
    );
    expect(await verifyProjectKey(forged, signers, now)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a key whose payload was altered after signing', async () => {
    const raised = b64({ ...decoded(valid, payload), ips: 1000 });
    const tampered = [partOf(valid, header), raised, partOf(valid, signature)].join('.');
    expect(await verifyProjectKey(tampered, signers, now)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a key signed by a signer that is not configured', async () => {
    const foreign = await issueProjectKey({ privateJwk: other.privateJwk, ...claims });
    expect(await verifyProjectKey(foreign, signers, now)).toEqual({ ok: false, reason: 'unknown-signer' });
    expect(await verifyProjectKey(valid, [], now)).toEqual({ ok: false, reason: 'unknown-signer' });
  });

  it('refuses a key from its expiry instant on, by the given clock', async () => {
    expect((await verifyProjectKey(valid, signers, new Date(expiresAt.getTime() - 1000))).ok).toBe(true);
    expect(await verifyProjectKey(valid, signers, expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('reports a forged expired key as forged, not as expired', async () => {
    const forged = await signRaw(
      other.privateJwk,
      { kid: msp.kid, typ: PROJECT_KEY_TYP },
      decoded(valid, payload),
    );
    expect(await verifyProjectKey(forged, signers, new Date('2030-01-01T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it.each([
    ['an empty string', ''],
    ['two parts', 'eyJhbGciOiJFZERTQSJ9.eyJ9'],
    ['four parts', 'a.b.c.d'],
    ['an empty signature', 'eyJhbGciOiJFZERTQSJ9.e30.'],
    ['padding', 'eyJhbGciOiJFZERTQSJ9.e30=.AAAA'],
    ['a header that is no JSON', `${Buffer.from('nope').toString('base64url')}.e30.AAAA`],
    ['white space inside', 'eyJhbGciOiJFZERTQSJ9 .e30.AAAA'],
  ])('refuses %s as malformed', async (_, token) => {
    expect(await verifyProjectKey(token, signers, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it.each([
    ['another typ', { typ: 'JWT' }],
    ['no typ', { typ: undefined }],
    ['no kid', { kid: undefined }],
  ])('refuses a header with %s as malformed', async (_, change) => {
    const token = await signRaw(msp.privateJwk, { kid: msp.kid, typ: PROJECT_KEY_TYP, ...change }, {});
    expect(await verifyProjectKey(token, signers, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a header naming another algorithm as malformed', async () => {
    const hs256 = `${b64({ alg: 'HS256', kid: msp.kid, typ: PROJECT_KEY_TYP })}.${partOf(valid, payload)}.AAAA`;
    const none = `${b64({ alg: 'none', kid: msp.kid, typ: PROJECT_KEY_TYP })}.${partOf(valid, payload)}.AAAA`;
    expect(await verifyProjectKey(hs256, signers, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyProjectKey(none, signers, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it.each([
    ['a payload that is no JSON', () => 'not json'],
    ['a JSON array', () => []],
    ['no key id', (p: Record<string, unknown>) => ({ ...p, jti: undefined })],
    ['an empty key id', (p: Record<string, unknown>) => ({ ...p, jti: '' })],
    ['zero IPs', (p: Record<string, unknown>) => ({ ...p, ips: 0 })],
    ['fractional IPs', (p: Record<string, unknown>) => ({ ...p, ips: 1.5 })],
    ['IPs as text', (p: Record<string, unknown>) => ({ ...p, ips: '100' })],
    ['unsafe IPs', (p: Record<string, unknown>) => ({ ...p, ips: 2 ** 53 })],
    ['no months', (p: Record<string, unknown>) => ({ ...p, months: undefined })],
    ['negative months', (p: Record<string, unknown>) => ({ ...p, months: -12 })],
    ['a negative price', (p: Record<string, unknown>) => ({ ...p, purchase_price_minor: -1 })],
    ['a fractional price', (p: Record<string, unknown>) => ({ ...p, purchase_price_minor: 12.5 })],
    ['a lower-case currency', (p: Record<string, unknown>) => ({ ...p, currency: 'eur' })],
    ['a four-letter currency', (p: Record<string, unknown>) => ({ ...p, currency: 'EURO' })],
    ['no expiry', (p: Record<string, unknown>) => ({ ...p, exp: undefined })],
    ['an expiry before the issue date', (p: Record<string, unknown>) => ({ ...p, exp: Number(p.iat) - 1 })],
  ])('refuses a signed payload with %s as malformed', async (_, change) => {
    const body = change(decoded(valid, payload));
    const token = await signRaw(msp.privateJwk, { kid: msp.kid, typ: PROJECT_KEY_TYP }, body);
    expect(await verifyProjectKey(token, signers, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a valid key with any single character changed', async () => {
    const alphabet = `${BASE64URL}.= `;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: valid.length - 1 }),
        fc.constantFrom(...alphabet),
        async (at, replacement) => {
          fc.pre(valid[at] !== replacement);
          const changed = valid.slice(0, at) + replacement + valid.slice(at + 1);
          expect((await verifyProjectKey(changed, signers, now)).ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a changed last character of the signature (bits a lenient decoder ignores)', async () => {
    const sig = partOf(valid, signature);
    // 64 signature bytes leave 4 unused bits in the last character: flipping its lowest bit decodes alike.
    const sibling = BASE64URL[BASE64URL.indexOf(sig.at(-1) ?? '') ^ 1];
    const changed = `${valid.slice(0, -1)}${sibling}`;
    expect(Buffer.from(changed.split('.')[2] ?? '', 'base64url')).toEqual(Buffer.from(sig, 'base64url'));
    expect((await verifyProjectKey(changed, signers, now)).ok).toBe(false);
  });
});

describe('issueProjectKey', () => {
  it.each([
    ['a public key', () => msp.publicJwk, {}],
    ['zero IPs', () => msp.privateJwk, { ips: 0 }],
    ['a lower-case currency', () => msp.privateJwk, { currency: 'eur' }],
    ['an expiry before the issue date', () => msp.privateJwk, { expiresAt: issuedAt }],
  ])('refuses to sign with %s', async (_, key, change) => {
    await expect(issueProjectKey({ privateJwk: key(), ...claims, ...change })).rejects.toThrow();
  });
});

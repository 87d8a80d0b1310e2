import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectKeyRedemptions } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { createAdmin, createTestPortal, signIn, type TestPortal } from '../../test/harness.ts';
import type { Actor } from '../audit/audit.service.ts';
import type { ProjectKeySignersService } from './project-key-signers.service.ts';
import { generateSignerKeyPair, issueProjectKey } from './project-key-token.ts';

let portal: TestPortal;
let service: ProjectKeySignersService;
let actor: Actor;
let msp: Awaited<ReturnType<typeof generateSignerKeyPair>>;

const issuedAt = new Date('2026-01-10T00:00:00Z');
const expiresAt = new Date('2026-07-10T00:00:00Z');
const issue = (privateJwk = msp.privateJwk, keyId?: string) =>
  issueProjectKey({
    privateJwk,
    ...(keyId ? { keyId } : {}),
    ips: 250,
    months: 12,
    purchasePriceMinor: 300_000,
    currency: 'EUR',
    issuedAt,
    expiresAt,
  });

async function refusal(promise: Promise<unknown>) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return { status: err.status, code: err.code, field: err.field, message: err.message };
}

const auditOf = async (kid: string) =>
  (
    await portal.services.audit.list({
      objectType: 'project-key-signer',
      objectId: kid,
      page: 1,
      pageSize: 10,
    })
  ).items;

beforeAll(async () => {
  portal = await createTestPortal();
  const admin = await createAdmin(portal);
  actor = { id: admin.id, email: admin.email, ip: '192.0.2.1' };
  service = portal.services.projectKeySigners;
  msp = await generateSignerKeyPair();
});
afterAll(() => portal.dispose());

describe('Settings → Project Keys (the MSP public keys)', () => {
  it('adds a public key under its thumbprint, lists it, audits it', async () => {
    expect(await service.list()).toEqual([]);
    const added = await service.add(actor, {
      label: 'Upstream MSP',
      publicJwk: JSON.stringify(msp.publicJwk),
    });
    expect(added).toEqual({
      kid: msp.kid,
      label: 'Upstream MSP',
      publicJwk: { kty: 'OKP', crv: 'Ed25519', x: msp.publicJwk.x },
      createdAt: portal.clock.now().toISOString(),
      createdBy: 'admin@provider.test',
    });
    expect(await service.list()).toEqual([added]);
    expect(await service.signers()).toEqual([{ kid: msp.kid, publicJwk: added.publicJwk }]);
    expect(await auditOf(msp.kid)).toMatchObject([
      {
        action: 'project-key-signer.added',
        actorEmail: 'admin@provider.test',
        after: { label: 'Upstream MSP', publicJwk: added.publicJwk },
      },
    ]);
  });

  it('refuses the same public key twice, whatever its label or kid says', async () => {
    const again = JSON.stringify({ ...msp.publicJwk, kid: 'something-else' });
    expect(await refusal(service.add(actor, { label: 'Again', publicJwk: again }))).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      field: 'publicJwk',
      message: 'This public key is configured already, as "Upstream MSP".',
    });
    expect(await service.list()).toHaveLength(1);
  });

  it.each([
    ['a private key', () => JSON.stringify(msp.privateJwk), 'This is a private key: paste the public one.'],
    ['text that is no JSON', () => 'ssh-ed25519 AAAAC3Nza', 'This is not a JWK'],
    ['a JSON array', () => '[]', 'This is not a JWK'],
    ['an RSA key', () => JSON.stringify({ kty: 'RSA', n: 'AQAB', e: 'AQAB' }), 'not an Ed25519 public key'],
    ['an X25519 key', () => JSON.stringify({ ...msp.publicJwk, crv: 'X25519' }), 'not an Ed25519 public key'],
    ['a short x', () => JSON.stringify({ ...msp.publicJwk, x: 'AAAA' }), 'not an Ed25519 public key'],
  ])('refuses %s with a message on publicJwk and stores nothing', async (_, text, message) => {
    const err = await refusal(service.add(actor, { label: 'Wrong', publicJwk: text() }));
    expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'publicJwk' });
    expect(err.message).toContain(message);
    expect(await service.list()).toHaveLength(1);
  });
});

describe('inspect: what a key carries, or why it is refused', () => {
  it('shows the overview of a genuine key', async () => {
    const key = await issue(msp.privateJwk, 'PK-0001');
    expect(await service.inspect(key)).toEqual({
      keyId: 'PK-0001',
      signer: 'Upstream MSP',
      ips: 250,
      months: 12,
      purchasePrice: { amountMinor: 300_000, currency: 'EUR' },
      issuedAt: issuedAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
  });

  it('refuses malformed, forged, tampered, foreign and expired keys with distinct codes', async () => {
    const other = await generateSignerKeyPair();
    const genuine = await issue();
    const [header, payload, signature] = genuine.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const raised = Buffer.from(JSON.stringify({ ...claims, ips: 5000 })).toString('base64url');
    const foreign = await issue(other.privateJwk);
    // The other key's signature under our MSP's header: a forgery that names a configured signer.
    const forged = `${header}.${payload}.${(await issue(other.privateJwk)).split('.')[2]}`;

    const cases = [
      ['not a key', 'PROJECT_KEY_MALFORMED', 'not a valid project key'],
      [`${header}.${raised}.${signature}`, 'PROJECT_KEY_BAD_SIGNATURE', 'altered or forged'],
      [forged, 'PROJECT_KEY_BAD_SIGNATURE', 'altered or forged'],
      [foreign, 'PROJECT_KEY_UNKNOWN_SIGNER', 'not configured under Settings → Project Keys'],
    ] as const;
    for (const [key, code, message] of cases) {
      const err = await refusal(service.inspect(key));
      expect(err, code).toMatchObject({ status: 400, code, field: 'key' });
      expect(err.message).toContain(message);
    }
    expect(await refusal(service.inspect(genuine, expiresAt))).toMatchObject({
      status: 400,
      code: 'PROJECT_KEY_EXPIRED',
      field: 'key',
    });
  });

  it('reads "now" from the clock it was given', async () => {
    const key = await issue();
    portal.clock.set(expiresAt);
    try {
      expect(await refusal(service.inspect(key))).toMatchObject({ code: 'PROJECT_KEY_EXPIRED' });
    } finally {
      portal.clock.set('2026-01-15T10:00:00Z');
    }
  });

  it('refuses a key that has been redeemed', async () => {
    const key = await issue(msp.privateJwk, 'PK-REDEEMED');
    await portal.connection.db.insert(projectKeyRedemptions).values({
      keyId: 'PK-REDEEMED',
      signerKid: msp.kid,
      ips: 250,
      months: 12,
      purchasePriceMinor: 300_000,
      salesPriceMinor: 400_000,
      currency: 'EUR',
      issuedAt,
      expiresAt,
      termStartsAt: portal.clock.now(),
      termEndsAt: new Date('2027-01-15T10:00:00Z'),
      redeemedAt: portal.clock.now(),
    });
    expect(await refusal(service.inspect(key))).toMatchObject({
      status: 409,
      code: 'PROJECT_KEY_REDEEMED',
      field: 'key',
      message: 'This project key has already been redeemed.',
    });
  });

  it('refuses the keys of a removed signer as unknown, and audits the removal', async () => {
    const key = await issue();
    await service.remove(actor, msp.kid);
    expect(await service.list()).toEqual([]);
    expect(await refusal(service.inspect(key))).toMatchObject({ code: 'PROJECT_KEY_UNKNOWN_SIGNER' });
    expect((await auditOf(msp.kid))[0]).toMatchObject({
      action: 'project-key-signer.removed',
      before: { label: 'Upstream MSP', publicJwk: { x: msp.publicJwk.x } },
    });
    expect(await refusal(service.remove(actor, msp.kid))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});

describe('routes', () => {
  let admin: string;

  beforeAll(async () => {
    admin = await signIn(portal, 'admin@provider.test');
  });

  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, cookieHeader = admin) =>
    portal.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie: cookieHeader } });

  it('are for admins only', async () => {
    expect((await api('GET', '/api/settings/project-keys', undefined, '')).statusCode).toBe(401);
    const body = { label: 'X', publicJwk: JSON.stringify(msp.publicJwk) };
    expect((await api('POST', '/api/settings/project-keys', body, '')).statusCode).toBe(401);
    expect((await api('DELETE', `/api/settings/project-keys/${msp.kid}`, undefined, '')).statusCode).toBe(
      401,
    );
  });

  it('add, list and remove a signer', async () => {
    const added = await api('POST', '/api/settings/project-keys', {
      label: '  Upstream MSP ',
      publicJwk: JSON.stringify(msp.publicJwk),
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ kid: msp.kid, label: 'Upstream MSP' });
    expect((await api('GET', '/api/settings/project-keys')).json()).toEqual({ signers: [added.json()] });

    const privateKey = await api('POST', '/api/settings/project-keys', {
      label: 'Oops',
      publicJwk: JSON.stringify(msp.privateJwk),
    });
    expect(privateKey.statusCode).toBe(400);
    expect(privateKey.json()).toEqual({
      code: 'VALIDATION_FAILED',
      field: 'publicJwk',
      rule: 'private-key',
      message: 'This is a private key: paste the public one.',
    });
    expect(
      (await api('POST', '/api/settings/project-keys', { label: '', publicJwk: '{}' })).json(),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'label',
    });

    const removed = await api('DELETE', `/api/settings/project-keys/${msp.kid}`);
    expect(removed.json()).toEqual({ ok: true });
    expect((await api('GET', '/api/settings/project-keys')).json()).toEqual({ signers: [] });
  });
});

import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bufferedIo, envWithout, spawnVmsp } from '../../test/cli.ts';
import { keysCommand } from './keys-cli.ts';
import { type SignerPublicJwk, signerKid, verifyProjectKey } from './project-key-token.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'vmsp-keys-'));

async function keys(args: string[], now?: Date) {
  const io = bufferedIo();
  const code = await keysCommand(args, io, now);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));

let keyFile: string;
let publicJwk: SignerPublicJwk;

beforeAll(async () => {
  const { code, stdout } = await keys(['keypair']);
  expect(code).toBe(0);
  const [privateJwk, pub] = jsonLines(stdout);
  publicJwk = pub;
  keyFile = path.join(dir, 'private.jwk');
  writeFileSync(keyFile, JSON.stringify(privateJwk));
});

const issueArgs = (extra: string[] = []) => [
  'issue',
  '--ips',
  '100',
  '--months',
  '12',
  '--purchase-price',
  '1200.00',
  '--currency',
  'EUR',
  '--key',
  keyFile,
  ...extra,
];

describe('vmsp keys', () => {
  it('runs as its own process without configuration, database or data folder', async () => {
    const dataDir = path.join(dir, 'data');
    // No APP_SECRET, no DATABASE_URL, a data folder that does not exist: `keys` must need none of them.
    const { code, stdout } = await spawnVmsp(['keys', 'keypair'], {
      ...envWithout('APP_SECRET', 'DATABASE_URL'),
      DATA_DIR: dataDir,
    });
    expect(code).toBe(0);
    const [privateJwk, pub] = jsonLines(stdout);
    expect(privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', d: expect.any(String) });
    expect(pub).toMatchObject({ kty: 'OKP', crv: 'Ed25519', x: privateJwk.x });
    expect(existsSync(dataDir)).toBe(false);
  }, 120_000);

  it('keypair prints a private and a public JWK, explained', async () => {
    const { stdout } = await keys(['keypair']);
    const [privateJwk, pub] = jsonLines(stdout);
    expect(privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', d: expect.any(String) });
    expect(pub).not.toHaveProperty('d');
    expect(pub).toMatchObject({ kty: 'OKP', crv: 'Ed25519', x: privateJwk.x, kid: privateJwk.kid });
    expect(stdout).toContain('keep it secret');
    expect(stdout).toContain('Settings → Project Keys');
  });

  it('issue prints a key that the portal verifies with the public JWK', async () => {
    const now = new Date('2026-05-04T10:20:30Z');
    const { code, stdout, stderr } = await keys(
      issueArgs(['--valid-days', '30', '--key-id', 'PK-CLI-1']),
      now,
    );
    expect(stderr).toContain('Project key for 100 IPs and 12 months');
    expect(code).toBe(0);
    const key = stdout.trim();
    const signers = [{ kid: await signerKid(publicJwk), publicJwk }];
    const result = await verifyProjectKey(key, signers, now);
    expect(result).toMatchObject({
      ok: true,
      claims: { keyId: 'PK-CLI-1', ips: 100, months: 12, purchasePriceMinor: 120_000, currency: 'EUR' },
    });
    if (!result.ok) return;
    expect(result.claims.issuedAt).toEqual(now);
    expect(result.claims.expiresAt.getTime() - now.getTime()).toBe(30 * 86_400_000);
  });

  it('issue defaults to a random key id, valid 365 days', async () => {
    const { stdout } = await keys(issueArgs());
    const result = await verifyProjectKey(
      stdout.trim(),
      [{ kid: await signerKid(publicJwk), publicJwk }],
      new Date(),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.claims.keyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.claims.expiresAt.getTime() - result.claims.issuedAt.getTime()).toBe(365 * 86_400_000);
  });

  it.for<{ change: string[]; message: string }>([
    {
      change: ['--purchase-price', '12.345'],
      message: '--purchase-price: write the amount without thousands separators',
    },
    { change: ['--purchase-price', '12.999'], message: '--purchase-price' },
    { change: ['--purchase-price', '€1200'], message: '--purchase-price: enter an amount like 1200.00' },
    { change: ['--ips', '0'], message: '--ips must be a whole number of at least 1' },
    { change: ['--months', '1.5'], message: '--months must be a whole number' },
    { change: ['--currency', 'EURO'], message: '--currency must be a three-letter ISO code' },
    { change: ['--valid-days', 'soon'], message: '--valid-days must be a whole number' },
    {
      change: ['--key', '/nonexistent/private.jwk'],
      message: '--key: cannot read a JWK from /nonexistent/private.jwk',
    },
    { change: ['--colour', 'red'], message: "Unknown option '--colour'" },
  ])('issue refuses $change with a message naming the option', async ({ change, message }) => {
    const args = issueArgs();
    const at = args.indexOf(change[0] ?? '');
    if (at >= 0) args.splice(at, 2, ...change);
    else args.push(...change);
    const { code, stdout, stderr } = await keys(args);
    expect(stderr).toContain(message);
    expect(stderr).not.toContain('    at ');
    expect(stdout).toBe('');
    expect(code).toBe(1);
  });

  it('issue refuses a public key file and a missing option', async () => {
    const publicFile = path.join(dir, 'public.jwk');
    writeFileSync(publicFile, JSON.stringify(publicJwk));
    const withPublic = await keys(issueArgs(['--key', publicFile]));
    expect(withPublic.stderr).toContain('is not a private Ed25519 JWK');
    expect(withPublic.code).toBe(1);
    const missing = await keys(['issue', '--ips', '100']);
    expect(missing.stderr).toContain('keys issue needs --months');
    expect(missing.code).toBe(1);
  });

  it('an unknown keys command prints the usage', async () => {
    const { code, stderr } = await keys(['rotate']);
    expect(stderr).toContain('vmsp keys keypair');
    expect(code).toBe(2);
  });
});

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SignerPublicJwk, signerKid, verifyProjectKey } from './project-key-token.ts';

const main = path.join(import.meta.dirname, '../../main.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'vmsp-keys-'));
const dataDir = path.join(dir, 'data');
// No APP_SECRET, no DATABASE_URL, a data folder that does not exist: `keys` must need none of them.
const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir };
delete env.APP_SECRET;
delete env.DATABASE_URL;

function vmsp(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [main, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));

let keyFile: string;
let publicJwk: SignerPublicJwk;

beforeAll(async () => {
  const { code, stdout } = await vmsp(['keys', 'keypair']);
  expect(code).toBe(0);
  const [privateJwk, pub] = jsonLines(stdout);
  publicJwk = pub;
  keyFile = path.join(dir, 'private.jwk');
  writeFileSync(keyFile, JSON.stringify(privateJwk));
});

const issueArgs = (extra: string[] = []) => [
  'keys',
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

describe('vmsp keys (no configuration, no database)', () => {
  it('keypair prints a private and a public JWK, explained', async () => {
    const { stdout } = await vmsp(['keys', 'keypair']);
    const [privateJwk, pub] = jsonLines(stdout);
    expect(privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', d: expect.any(String) });
    expect(pub).not.toHaveProperty('d');
    expect(pub).toMatchObject({ kty: 'OKP', crv: 'Ed25519', x: privateJwk.x, kid: privateJwk.kid });
    expect(stdout).toContain('keep it secret');
    expect(stdout).toContain('Settings → Project Keys');
  });

  it('issue prints a key that the portal verifies with the public JWK', async () => {
    const started = Date.now();
    const { code, stdout, stderr } = await vmsp(issueArgs(['--valid-days', '30', '--key-id', 'PK-CLI-1']));
    expect(stderr).toContain('Project key for 100 IPs and 12 months');
    expect(code).toBe(0);
    const key = stdout.trim();
    const signers = [{ kid: await signerKid(publicJwk), publicJwk }];
    const result = await verifyProjectKey(key, signers, new Date());
    expect(result).toMatchObject({
      ok: true,
      claims: { keyId: 'PK-CLI-1', ips: 100, months: 12, purchasePriceMinor: 120_000, currency: 'EUR' },
    });
    if (!result.ok) return;
    const validFor = result.claims.expiresAt.getTime() - result.claims.issuedAt.getTime();
    expect(validFor).toBe(30 * 86_400_000);
    expect(result.claims.issuedAt.getTime()).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('issue defaults to a random key id, valid 365 days', async () => {
    const { stdout } = await vmsp(issueArgs());
    const result = await verifyProjectKey(
      stdout.trim(),
      [{ kid: await signerKid(publicJwk), publicJwk }],
      new Date(),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.claims.keyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.claims.expiresAt.getTime() - result.claims.issuedAt.getTime()).toBe(365 * 86_400_000);
  });

  // Concurrent: each case is a process of its own.
  it.concurrent.for<{ change: string[]; message: string }>([
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
  ])('issue refuses $change with a message naming the option', async ({ change, message }, { expect }) => {
    const args = issueArgs();
    const at = args.indexOf(change[0] ?? '');
    if (at >= 0) args.splice(at, 2, ...change);
    else args.push(...change);
    const { code, stdout, stderr } = await vmsp(args);
    expect(stderr).toContain(message);
    expect(stderr).not.toContain('    at ');
    expect(stdout).toBe('');
    expect(code).toBe(1);
  });

  it('issue refuses a public key file and a missing option', async () => {
    const publicFile = path.join(dir, 'public.jwk');
    writeFileSync(publicFile, JSON.stringify(publicJwk));
    const withPublic = await vmsp(issueArgs(['--key', publicFile]));
    expect(withPublic.stderr).toContain('is not a private Ed25519 JWK');
    expect(withPublic.code).toBe(1);
    const missing = await vmsp(['keys', 'issue', '--ips', '100']);
    expect(missing.stderr).toContain('keys issue needs --months');
    expect(missing.code).toBe(1);
  });

  it('an unknown keys command prints the usage', async () => {
    const { code, stderr } = await vmsp(['keys', 'rotate']);
    expect(stderr).toContain('vmsp keys keypair');
    expect(code).toBe(2);
  });
});

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type ParseMoneyReason, parseMoney } from '@vmsp/domain';
import type { JWK } from 'jose';
import type { CliIo } from '../../cli/io.ts';
import { generateSignerKeyPair, issueProjectKey } from './project-key-token.ts';

/**
 * `vmsp keys …`: the upstream MSP's side of project keys. Runs without the portal's configuration or
 * database, so an MSP operator can issue keys on any machine that has the private key.
 */

export const KEYS_USAGE = `Usage:
  vmsp keys keypair                  print a new signing key pair (private and public JWK)
  vmsp keys issue --ips <n> --months <n> --purchase-price <amount> --currency <code> --key <private.jwk>
         [--valid-days <n>]          days until the key can no longer be redeemed (default 365)
         [--key-id <id>]             the key's id (default a random UUID); a key id is redeemable once`;

const DAY_MS = 86_400_000;

/** A mistake in what the operator typed: printed as it is, without a stack trace. */
class KeysInputError extends Error {}

const moneyMessages: Record<ParseMoneyReason, string> = {
  empty: 'enter the amount, e.g. 1200.00',
  negative: 'the amount is 0 or more',
  malformed: 'enter an amount like 1200.00',
  ambiguous: 'write the amount without thousands separators, e.g. 1234.50',
  'too-many-decimals': 'an amount has at most two decimals',
  'too-large': 'this amount is too large',
};

async function keypair(io: CliIo): Promise<void> {
  const { kid, privateJwk, publicJwk } = await generateSignerKeyPair();
  io.out(`A new Ed25519 key pair for signing project keys (kid ${kid}).

Private key: save this line to a file (e.g. private.jwk), keep it secret, and issue keys with
  vmsp keys issue --key private.jwk ...
${JSON.stringify(privateJwk)}

Public key: paste this line into the portal under Settings → Project Keys, so that it accepts the keys you issue:
${JSON.stringify(publicJwk)}`);
}

function required(values: Record<string, string | undefined>, name: string): string {
  const value = values[name]?.trim();
  if (!value) throw new KeysInputError(`keys issue needs --${name}\n\n${KEYS_USAGE}`);
  return value;
}

function positiveInt(values: Record<string, string | undefined>, name: string): number {
  const text = required(values, name);
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1)
    throw new KeysInputError(`--${name} must be a whole number of at least 1, not "${text}".`);
  return n;
}

function readPrivateJwk(file: string): JWK {
  let jwk: unknown;
  try {
    jwk = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new KeysInputError(`--key: cannot read a JWK from ${file} (${(err as Error).message}).`);
  }
  const { kty, crv, d } = (jwk ?? {}) as JWK;
  if (kty !== 'OKP' || crv !== 'Ed25519' || typeof d !== 'string')
    throw new KeysInputError(
      `--key: ${file} is not a private Ed25519 JWK. Use the private key that \`vmsp keys keypair\` printed.`,
    );
  return jwk as JWK;
}

async function issue(args: string[], io: CliIo, now: Date): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ips: { type: 'string' },
      months: { type: 'string' },
      'purchase-price': { type: 'string' },
      currency: { type: 'string' },
      key: { type: 'string' },
      'valid-days': { type: 'string', default: '365' },
      'key-id': { type: 'string' },
    },
  });
  const ips = positiveInt(values, 'ips');
  const months = positiveInt(values, 'months');
  const price = parseMoney(required(values, 'purchase-price'), '--purchase-price');
  if (!price.ok) throw new KeysInputError(`${price.field}: ${moneyMessages[price.reason]}.`);
  const currency = required(values, 'currency').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    throw new KeysInputError(`--currency must be a three-letter ISO code such as EUR, not "${currency}".`);
  const privateJwk = readPrivateJwk(required(values, 'key'));
  const validDays = positiveInt(values, 'valid-days');
  const keyId = values['key-id']?.trim();
  if (keyId !== undefined && (keyId === '' || keyId.length > 200))
    throw new KeysInputError('--key-id must be 1 to 200 characters.');

  const expiresAt = new Date(now.getTime() + validDays * DAY_MS);
  const key = await issueProjectKey({
    privateJwk,
    ...(keyId ? { keyId } : {}),
    ips,
    months,
    purchasePriceMinor: price.minor,
    currency,
    issuedAt: now,
    expiresAt,
  });
  // The key alone on stdout, so that `vmsp keys issue … > key.txt` captures just the key.
  io.out(key);
  io.err(`Project key for ${ips} IPs and ${months} months, redeemable until ${expiresAt.toISOString()}.`);
}

/** Runs `vmsp keys <sub> …` and returns the exit code; input mistakes end with a message and 1, never a stack trace. */
export async function keysCommand(args: string[], io: CliIo, now: Date = new Date()): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === 'keypair') {
      await keypair(io);
      return 0;
    }
    if (sub === 'issue') {
      await issue(rest, io, now);
      return 0;
    }
  } catch (err) {
    const isParseArgsError = (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (!(err instanceof KeysInputError) && !isParseArgsError) throw err;
    io.err((err as Error).message);
    return 1;
  }
  io.err(KEYS_USAGE);
  return 2;
}

import type { ProjectKeyOverview, ProjectKeySigner } from '@vmsp/contracts';
import type { Database, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { conflict, invalid, notFound, type OwnErrorCode } from '../../lib/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import {
  isCanonicalBase64url,
  type ProjectKeyClaims,
  type ProjectKeyRefusal,
  type ProjectKeySignerKey,
  type SignerPublicJwk,
  signerKid,
  verifyProjectKey,
} from './project-key-token.ts';
import * as repo from './project-keys.repository.ts';

const refusals: Record<ProjectKeyRefusal, { code: OwnErrorCode; message: string }> = {
  malformed: {
    code: 'PROJECT_KEY_MALFORMED',
    message: 'This is not a valid project key. Paste the whole key exactly as the MSP sent it.',
  },
  'unknown-signer': {
    code: 'PROJECT_KEY_UNKNOWN_SIGNER',
    message:
      'This project key was signed by an MSP key that is not configured under Settings → Project Keys.',
  },
  'bad-signature': {
    code: 'PROJECT_KEY_BAD_SIGNATURE',
    message: 'The signature of this project key does not match: the key was altered or forged.',
  },
  expired: { code: 'PROJECT_KEY_EXPIRED', message: 'This project key has expired.' },
};

/** Also for the redemption, whose unique key id turns a second redemption into this error. */
export const projectKeyRedeemed = () =>
  conflict('PROJECT_KEY_REDEEMED', 'This project key has already been redeemed.', 'key');

export type VerifiedProjectKey = ProjectKeyClaims & { signerLabel: string };

const notAJwk = () =>
  invalid('publicJwk', 'This is not a JWK: paste the public key as `vmsp keys keypair` printed it.', {
    rule: 'not-a-jwk',
  });

/**
 * Accepts only an Ed25519 public JWK. The private part is refused outright: whoever holds it can issue keys,
 * so it must never be stored here.
 */
function parsePublicJwk(text: string): SignerPublicJwk {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw notAJwk();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw notAJwk();
  const jwk = value as Record<string, unknown>;
  if ('d' in jwk)
    throw invalid('publicJwk', 'This is a private key: paste the public one.', { rule: 'private-key' });
  const { kty, crv, x } = jwk;
  // An Ed25519 public key is 32 bytes: 43 base64url characters.
  if (
    kty !== 'OKP' ||
    crv !== 'Ed25519' ||
    typeof x !== 'string' ||
    x.length !== 43 ||
    !isCanonicalBase64url(x)
  )
    throw invalid(
      'publicJwk',
      'This is not an Ed25519 public key (a JWK with "kty": "OKP", "crv": "Ed25519", "x").',
      { rule: 'not-ed25519-key' },
    );
  return { kty, crv, x };
}

function toSigner(r: repo.SignerRecord): ProjectKeySigner {
  return {
    kid: r.kid,
    label: r.label,
    publicJwk: r.publicJwk,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
  };
}

/** Settings → Project Keys: the MSP public keys that project keys must be signed with. */
export class ProjectKeySignersService {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #audit: AuditService;

  constructor(deps: { db: Database; clock: Clock; audit: AuditService }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#audit = deps.audit;
  }

  async list(): Promise<ProjectKeySigner[]> {
    return (await repo.listSigners(this.#db)).map(toSigner);
  }

  async add(actor: Actor, input: { label: string; publicJwk: string }): Promise<ProjectKeySigner> {
    const publicJwk = parsePublicJwk(input.publicJwk);
    const kid = await signerKid(publicJwk);
    return this.#db.transaction(async (tx) => {
      const inserted = await repo.insertSigner(tx, {
        kid,
        label: input.label,
        publicJwk,
        createdAt: this.#clock.now(),
        createdBy: actor.email,
      });
      if (!inserted) {
        const existing = await repo.findSigner(tx, kid);
        throw conflict(
          'CONFLICT',
          `This public key is configured already, as "${existing?.label}".`,
          'publicJwk',
        );
      }
      const signer = toSigner(inserted);
      await this.#audit.record(tx, {
        actor,
        action: 'project-key-signer.added',
        objectType: 'project-key-signer',
        objectId: kid,
        after: { label: signer.label, publicJwk: signer.publicJwk },
      });
      return signer;
    });
  }

  /** Keys this signer issued can no longer be redeemed; keys redeemed already stay as they are. */
  async remove(actor: Actor, kid: string): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const removed = await repo.deleteSigner(tx, kid);
      if (!removed) throw notFound('This signer');
      await this.#audit.record(tx, {
        actor,
        action: 'project-key-signer.removed',
        objectType: 'project-key-signer',
        objectId: kid,
        before: { label: removed.label, publicJwk: removed.publicJwk },
      });
    });
  }

  async signers(executor: Executor = this.#db): Promise<ProjectKeySignerKey[]> {
    return (await repo.listSigners(executor)).map(({ kid, publicJwk }) => ({ kid, publicJwk }));
  }

  /** The claims of a genuine, unexpired key, or an AppError (field `key`) that says why it is refused. */
  async verify(executor: Executor, key: string, now: Date): Promise<VerifiedProjectKey> {
    const signers = await repo.listSigners(executor);
    const result = await verifyProjectKey(key, signers, now);
    if (!result.ok) {
      const { code, message } = refusals[result.reason];
      throw invalid('key', message, code);
    }
    const signer = signers.find((s) => s.kid === result.claims.signerKid);
    return { ...result.claims, signerLabel: signer?.label ?? result.claims.signerKid };
  }

  /** The wizard's first `Next`: what the key carries, or why it cannot be redeemed. */
  async inspect(key: string, now: Date = this.#clock.now()): Promise<ProjectKeyOverview> {
    const claims = await this.verify(this.#db, key, now);
    if (await repo.isRedeemed(this.#db, claims.keyId)) throw projectKeyRedeemed();
    return {
      keyId: claims.keyId,
      signer: claims.signerLabel,
      ips: claims.ips,
      months: claims.months,
      purchasePrice: { amountMinor: claims.purchasePriceMinor, currency: claims.currency },
      issuedAt: claims.issuedAt.toISOString(),
      expiresAt: claims.expiresAt.toISOString(),
    };
  }
}

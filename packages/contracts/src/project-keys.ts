import { z } from 'zod';
import { IsoInstant, Money } from './common.ts';

/**
 * A public key of an upstream MSP that signs project keys (Settings → Project Keys). A key's `kid` header
 * names the signer that must verify it.
 */
export const ProjectKeySigner = z.object({
  kid: z.string(),
  label: z.string(),
  /** The public key as a JWK (OKP, Ed25519). */
  publicJwk: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string() }),
  createdAt: IsoInstant,
  createdBy: z.string().nullable(),
});
export type ProjectKeySigner = z.infer<typeof ProjectKeySigner>;

export const ProjectKeySignersResponse = z.object({ signers: z.array(ProjectKeySigner) });

export const AddProjectKeySignerRequest = z.object({
  label: z.string().trim().min(1, 'Enter a name for this signer.').max(200),
  /** The public JWK as JSON text, as `vmsp keys keypair` prints it. */
  publicJwk: z.string().trim().min(1, 'Paste the public key (JWK).').max(2000),
});

/** What a project key carries, as the wizard's overview shows it. */
export const ProjectKeyOverview = z.object({
  keyId: z.string(),
  signer: z.string(),
  ips: z.number().int(),
  months: z.number().int(),
  purchasePrice: Money,
  issuedAt: IsoInstant,
  expiresAt: IsoInstant,
});
export type ProjectKeyOverview = z.infer<typeof ProjectKeyOverview>;

export const InspectProjectKeyRequest = z.object({
  key: z.string().trim().min(1, 'Enter the project key.').max(4000),
});

/**
 * `Finish` in the Add Project Key wizard. The sales price is what the provider charges the customer for the
 * whole term, typed as text and parsed exactly; the split must add up to the key's IP count.
 */
export const RedeemProjectKeyRequest = z.object({
  key: z.string().trim().min(1, 'Enter the project key.').max(4000),
  salesPrice: z.string().max(40),
  internal: z.number(),
  external: z.number(),
  instant: z.boolean().default(false),
  version: z.number().int(),
});
export type RedeemProjectKeyRequest = z.input<typeof RedeemProjectKeyRequest>;

/** A redeemed key as the customer's details show it. */
export const RedeemedProjectKey = z.object({
  keyId: z.string(),
  ips: z.number().int(),
  months: z.number().int(),
  purchasePrice: Money,
  salesPrice: Money,
  margin: Money,
  termStartsAt: IsoInstant,
  termEndsAt: IsoInstant,
  redeemedAt: IsoInstant,
});
export type RedeemedProjectKey = z.infer<typeof RedeemedProjectKey>;

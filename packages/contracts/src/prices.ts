import { z } from 'zod';
import { IsoInstant } from './common.ts';

/** One range of the price table as the API returns it. Prices are integer minor units. */
export const PriceRange = z.object({
  from: z.number().int(),
  to: z.number().int(),
  articleName: z.string(),
  articleNumber: z.string(),
  unitPriceMinor: z.number().int(),
});
export type PriceRange = z.infer<typeof PriceRange>;

/**
 * A saved price table. Every `Save` creates a new version: new subscription changes use the newest version at
 * once; running subscriptions move to it at `runningFrom`, the start of the billing month after it was saved.
 */
export const PriceVersion = z.object({
  version: z.number().int(),
  currency: z.string().length(3),
  ranges: z.array(PriceRange),
  createdAt: IsoInstant,
  createdBy: z.string().nullable(),
  runningFrom: IsoInstant,
});
export type PriceVersion = z.infer<typeof PriceVersion>;

/** The newest version (null until the first table is saved) and every version, newest first. */
export const PriceTableResponse = z.object({
  current: PriceVersion.nullable(),
  versions: z.array(PriceVersion),
});
export type PriceTableResponse = z.infer<typeof PriceTableResponse>;

/**
 * `Save` on the price table. The sales price travels as the text the admin typed and is parsed exactly on the
 * server (parseMoney). `basedOnVersion` is the version the editor started from: when someone saved a newer one
 * meanwhile, the save is refused with CONFLICT instead of silently overwriting it (null for the first table).
 */
export const SavePriceTableRequest = z.object({
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Enter a three-letter ISO currency code.')
    .default('EUR'),
  ranges: z
    .array(
      z.object({
        from: z.number(),
        to: z.number(),
        articleName: z.string().trim().max(200),
        articleNumber: z.string().trim().max(100),
        unitPrice: z.string().max(40),
      }),
    )
    .max(1000),
  basedOnVersion: z.number().int().nullable(),
});
export type SavePriceTableRequest = z.input<typeof SavePriceTableRequest>;
export type SavePriceTableInput = z.output<typeof SavePriceTableRequest>;

import { z } from 'zod';

export const Id = z.uuid();
export const IsoInstant = z.iso.datetime({ offset: true });

/** E-mail addresses are compared case-insensitively; they are stored trimmed and lower-cased. */
export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid e-mail address.' }))
  .transform((s) => s.toLowerCase());

export const Password = z.string().min(1, 'Enter a password.').max(256);

export const Locale = z.enum(['en', 'de']);
export type Locale = z.infer<typeof Locale>;

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const Ok = z.object({ ok: z.literal(true) });

export const PaymentMethod = z.enum(['credit-card', 'invoice', 'project-key', 'free']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const Money = z.object({
  /** Integer minor units (cents). */
  amountMinor: z.number().int(),
  currency: z.string().length(3),
});
export type Money = z.infer<typeof Money>;

import { z } from 'zod';
import { Email, Id, IsoInstant, Money, Password, PaymentMethod, pageOf } from './common.ts';
import { CardBillingView } from './payments.ts';
import { RedeemedProjectKey } from './project-keys.ts';
import { ChangeKind, SubscriptionOverview } from './subscriptions.ts';

export const ServiceMode = z.enum(['managed', 'self-service']);
export type ServiceMode = z.infer<typeof ServiceMode>;

/** locked wins over deleting, deleting over the rest. */
export const CustomerStatus = z.enum(['invited', 'active', 'inactive', 'locked', 'deleting']);
export type CustomerStatus = z.infer<typeof CustomerStatus>;

/** The row actions of; the list tells for each row which apply, and the API refuses the others. */
export const CustomerAction = z.enum([
  'convert-to-managed',
  'ip-distribution',
  'resend-invitation',
  'details',
  'add-project-key',
  'edit-address',
  'change-main-user',
  'delete',
]);
export type CustomerAction = z.infer<typeof CustomerAction>;

export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Choose a country.');

export const Address = z.object({
  street: z.string().trim().min(1, 'Enter the street.').max(200),
  postalCode: z.string().trim().min(1, 'Enter the postal code.').max(20),
  city: z.string().trim().min(1, 'Enter the city.').max(100),
  country: CountryCode,
});
export type Address = z.infer<typeof Address>;

/**
 * Where the customer's invoices are mailed. Empty or null: to the main user. Left out of a change: kept as it
 * is, so a client that does not know the field does not clear it.
 */
export const InvoiceEmail = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  Email.nullable().optional(),
);

export const CustomerRow = z.object({
  id: Id,
  companyName: z.string(),
  contactEmail: z.string(),
  serviceMode: ServiceMode,
  status: CustomerStatus,
  ipsInternal: z.number().int(),
  ipsExternal: z.number().int(),
  paymentMethod: PaymentMethod,
  /** Total monthly price; null while there is no paid subscription. */
  monthlyPrice: Money.nullable(),
  /** Monthly price / total IPs as an exact fraction of cents; the UI rounds half-up for display. Null without IPs or price. */
  averageIpPrice: z
    .object({ numeratorMinor: z.number().int(), denominator: z.number().int(), currency: z.string() })
    .nullable(),
  actions: z.array(CustomerAction),
  /** The last card payment failed; cleared by the next successful one. */
  paymentFailed: z.boolean(),
  /** Optimistic concurrency: send it back with a change; a stale one is refused with 409 CONFLICT. */
  version: z.number().int(),
});
export type CustomerRow = z.infer<typeof CustomerRow>;

const csvOf = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : []))
    .pipe(z.array(item));

export const CustomerSortKey = z.enum([
  'companyName',
  'serviceMode',
  'status',
  'ipsInternal',
  'ipsExternal',
  'paymentMethod',
  'averageIpPrice',
  'createdAt',
]);
export type CustomerSortKey = z.infer<typeof CustomerSortKey>;

/** Filter as it travels in the URL: several values per field comma-separated. */
export const CustomerFilter = z.object({
  q: z.string().trim().max(200).optional(),
  paymentMethod: csvOf(PaymentMethod),
  serviceMode: csvOf(ServiceMode),
  status: csvOf(CustomerStatus),
});
export type CustomerFilter = z.infer<typeof CustomerFilter>;

export const CustomerListQuery = CustomerFilter.extend({
  sort: CustomerSortKey.default('companyName'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;

/** With a free-text search, totals above 10,000 are not counted exactly: `totalIsLowerBound` says so ("10,000+"). */
export const CustomerPage = pageOf(CustomerRow).extend({ totalIsLowerBound: z.boolean() });
export type CustomerPage = z.infer<typeof CustomerPage>;

/** The export's format; `sep=semicolon` writes German Excel's CSV dialect (semicolons, decimal commas). */
export const CustomerExportQuery = CustomerFilter.extend({
  format: z.enum(['json', 'csv']).default('json'),
  sep: z.enum(['comma', 'semicolon']).default('comma'),
});
export type CustomerExportQuery = z.infer<typeof CustomerExportQuery>;

/** An amount in the export: a decimal string with two decimals and a point, e.g. "450.00". */
const DecimalAmount = z.string().regex(/^-?\d+\.\d{2}$/);

/**
 * One object of the export file. Money is a decimal string ("450.00") beside its integer cents
 * (`monthlyPriceMinor`) and `currency`; the average price per IP is monthly price / total IPs rounded half-up
 * to the cent (the list itself keeps it as an exact fraction).
 */
export const CustomerExportRecord = CustomerRow.omit({
  actions: true,
  version: true,
  paymentFailed: true,
  monthlyPrice: true,
  averageIpPrice: true,
}).extend({
  /** Total monthly price; null while there is no paid subscription. */
  monthlyPrice: DecimalAmount.nullable(),
  monthlyPriceMinor: z.number().int().nullable(),
  /** ISO code of the amounts; null while there is no price. */
  currency: z.string().length(3).nullable(),
  /** Monthly price / total IPs, rounded half-up to the cent; null without IPs or price. */
  averageIpPrice: DecimalAmount.nullable(),
  contactName: z.string(),
  address: Address,
  vatId: z.string().nullable(),
  billingAddress: Address.nullable(),
  createdAt: IsoInstant,
  /** The current subscription; null while there is none. */
  subscription: z
    .object({
      ipsInternal: z.number().int(),
      ipsExternal: z.number().int(),
      paymentMethod: PaymentMethod,
      monthlyPrice: DecimalAmount.nullable(),
      monthlyPriceMinor: z.number().int().nullable(),
    })
    .nullable(),
});
export type CustomerExportRecord = z.infer<typeof CustomerExportRecord>;

export const CreateCustomerRequest = z.object({
  companyName: z.string().trim().min(1, 'Enter the company name.').max(200),
  address: Address,
  contactName: z.string().trim().min(1, 'Enter the contact person.').max(200),
  contactEmail: Email,
  vatId: z
    .string()
    .trim()
    .max(30)
    .nullish()
    .transform((v) => (v ? v : null)),
  serviceMode: ServiceMode.default('managed'),
  locale: z.enum(['en', 'de']).default('en'),
});
export type CreateCustomerRequest = z.input<typeof CreateCustomerRequest>;
/** The request after validation and defaults, as the server sees it. */
export type CreateCustomerInput = z.output<typeof CreateCustomerRequest>;

export const CustomerUser = z.object({
  id: Id,
  email: z.string(),
  status: z.enum(['invited', 'active', 'disabled']),
  isMainUser: z.boolean(),
});

export const CustomerDetails = CustomerRow.extend({
  contactName: z.string(),
  address: Address,
  vatId: z.string().nullable(),
  billingAddress: Address.nullable(),
  /** Where invoices are mailed; null: to the main user. */
  invoiceEmail: z.string().nullable(),
  locked: z.boolean(),
  createdAt: IsoInstant,
  registeredAt: IsoInstant.nullable(),
  /** While `deleting`: when the purge runs; an admin can undo the deletion until then. */
  purgeAt: IsoInstant.nullable(),
  users: z.array(CustomerUser),
  subscriptions: SubscriptionOverview,
  /** Redeemed project keys, newest first. */
  projectKeys: z.array(RedeemedProjectKey),
  /** Card payments at Stripe; null when the customer never chose Credit Card. */
  cardBilling: CardBillingView.nullable(),
});
export type CustomerDetails = z.infer<typeof CustomerDetails>;

/** What a saved IP distribution did: applied now, or scheduled for `effectiveAt`. */
export const IpDistributionResult = z.object({
  kind: ChangeKind,
  applied: z.boolean(),
  effectiveAt: IsoInstant,
  customer: CustomerDetails,
});
export type IpDistributionResult = z.infer<typeof IpDistributionResult>;

export const SetLockedRequest = z.object({ locked: z.boolean(), version: z.number().int().optional() });

export const EditAddressRequest = z.object({
  address: Address,
  vatId: z
    .string()
    .trim()
    .max(30)
    .nullish()
    .transform((v) => (v ? v : null)),
  billingAddress: Address.nullish().transform((v) => v ?? null),
  invoiceEmail: InvoiceEmail,
  version: z.number().int().optional(),
});
export type EditAddressRequest = z.input<typeof EditAddressRequest>;
export type EditAddressInput = z.output<typeof EditAddressRequest>;

/**
 * `Delete`. A registered customer needs `confirmation: 'DELETE'` typed by the admin; an invited one
 * that never registered is deleted at once with `Confirm` alone (confirmation omitted).
 */
export const DeleteCustomerRequest = z.object({
  confirmation: z.string().optional(),
  version: z.number().int(),
});

/** What `Delete` did: purged at once (never registered), or marked `deleting` until `purgeAt`. */
export const DeleteCustomerResult = z.object({
  purged: z.boolean(),
  purgeAt: IsoInstant.nullable(),
});
export type DeleteCustomerResult = z.infer<typeof DeleteCustomerResult>;

/** What the invitation page shows before the contact chooses a password. */
export const InvitationInfo = z.object({ email: z.string(), companyName: z.string() });
export type InvitationInfo = z.infer<typeof InvitationInfo>;

export const AcceptInvitationRequest = z.object({
  token: z.string().min(1),
  password: Password,
  passwordConfirmation: Password,
});
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;

/** The customer's own view in the portal. */
export const PortalCompany = z.object({
  companyName: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  serviceMode: ServiceMode,
  address: Address,
  vatId: z.string().nullable(),
  billingAddress: Address.nullable(),
  /** Where invoices are mailed; null: to the main user. */
  invoiceEmail: z.string().nullable(),
});
export type PortalCompany = z.infer<typeof PortalCompany>;

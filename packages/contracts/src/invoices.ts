import { z } from 'zod';
import { Email, Id, IsoInstant, Locale } from './common.ts';

/**
 * Invoices (the portal's own, for payment methods Invoice and Project Key) and the seller data they are issued
 * with. Routes:
 * - admin: GET/PUT /api/settings/company; GET /api/invoices (InvoiceListQuery); GET /api/invoices/:id;
 *   POST /api/invoices/:id/paid; POST /api/invoices/:id/credit-notes; GET /api/invoices/:id/pdf and /xml;
 *   GET /api/invoices/export.zip?month= and /api/invoices/export.csv?month=; GET /api/customers/:id/invoices;
 *   GET /api/invoicing/status (whether invoicing is on, for the Billing page's notice);
 * - customer users (all of the customer's): GET /api/portal/invoices; GET /api/portal/invoices/:id/pdf and /xml.
 */

export const CalendarDate = z.iso.date();
export const BillingMonthLabel = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Enter a month as YYYY-MM.');

/** Settings → Company: the invoice issuer. Every field but taxNumber, vatId (one of both), phone, footer, logo is required to invoice. */
export const CompanySettings = z.object({
  companyName: z.string().trim().max(200),
  street: z.string().trim().max(200),
  postalCode: z.string().trim().max(20),
  city: z.string().trim().max(100),
  /** ISO 3166-1 alpha-2. */
  country: z.string().trim().toUpperCase().max(2),
  vatId: z.string().trim().max(20),
  taxNumber: z.string().trim().max(30),
  email: z.string().trim().max(254),
  phone: z.string().trim().max(50),
  iban: z.string().trim().max(42),
  bic: z.string().trim().max(11),
  bankName: z.string().trim().max(100),
  footer: z.string().trim().max(1000),
  /** Basis points: 1900 is 19 %. */
  standardVatRateBasisPoints: z.number().int().min(0).max(10000),
  paymentTermDays: z.number().int().min(0).max(365),
  /** `{YYYY}` the year, `{seq:N}` the sequence padded to N digits; default `RE-{YYYY}-{seq:6}`. */
  numberPattern: z.string().trim().max(60),
  /** A PNG or JPEG data URL shown on the PDF, or null. */
  logoDataUrl: z.string().max(400_000).nullable(),
});
export type CompanySettings = z.infer<typeof CompanySettings>;

export const CompanySettingsView = z.object({
  settings: CompanySettings,
  /** Invoicing is on when nothing is missing. */
  complete: z.boolean(),
  /** The fields still to fill in (CompanySettings keys). */
  missing: z.array(z.string()),
});
export type CompanySettingsView = z.infer<typeof CompanySettingsView>;

export const InvoicingStatus = z.object({ enabled: z.boolean(), missing: z.array(z.string()) });
export type InvoicingStatus = z.infer<typeof InvoicingStatus>;

export const InvoiceKind = z.enum(['invoice', 'credit-note']);
export const InvoiceStatus = z.enum(['issued', 'paid', 'overdue', 'cancelled']);
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;
export const VatCategoryCode = z.enum(['S', 'AE', 'G', 'O']);

export const InvoiceListItem = z.object({
  id: Id,
  number: z.string(),
  kind: InvoiceKind,
  customerId: Id.nullable(),
  customerName: z.string(),
  billingMonth: z.string(),
  issueDate: CalendarDate,
  dueDate: CalendarDate,
  currency: z.string(),
  netMinor: z.number().int(),
  vatMinor: z.number().int(),
  grossMinor: z.number().int(),
  vatCategory: VatCategoryCode,
  status: InvoiceStatus,
  paidOn: CalendarDate.nullable(),
  /** A credit note's invoice number. */
  creditedInvoiceNumber: z.string().nullable(),
  /** False until the PDF and XML are rendered (seconds after issue). */
  documentsReady: z.boolean(),
});
export type InvoiceListItem = z.infer<typeof InvoiceListItem>;

export const InvoiceListQuery = z.object({
  month: BillingMonthLabel.optional(),
  status: InvoiceStatus.optional(),
  kind: InvoiceKind.optional(),
  customerId: Id.optional(),
  /** Search by number (prefix) or customer name (substring), case-insensitive. */
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type InvoiceListQuery = z.infer<typeof InvoiceListQuery>;

export const InvoiceAmounts = z.object({
  netMinor: z.number().int(),
  vatMinor: z.number().int(),
  grossMinor: z.number().int(),
});

export const InvoiceListResponse = z.object({
  items: z.array(InvoiceListItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Sums over every invoice the filter matches (not only this page); credit notes count negative. */
  totals: InvoiceAmounts,
  currency: z.string(),
});
export type InvoiceListResponse = z.infer<typeof InvoiceListResponse>;

export const InvoiceLineView = z.object({
  id: z.number().int(),
  articleName: z.string(),
  articleNumber: z.string(),
  periodFrom: CalendarDate,
  periodTo: CalendarDate,
  quantity: z.number().int(),
  unitPriceMinor: z.number().int(),
  netMinor: z.number().int(),
  vatCategory: VatCategoryCode,
  vatRateBasisPoints: z.number().int(),
});

export const InvoiceHistoryEntry = z.object({
  at: IsoInstant,
  action: z.string(),
  actorEmail: z.string().nullable(),
  detail: z.string().nullable(),
});

export const InvoiceDetails = InvoiceListItem.extend({
  language: Locale,
  buyer: z.object({
    name: z.string(),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
    vatId: z.string().nullable(),
    email: z.string(),
  }),
  lines: z.array(InvoiceLineView),
  vat: z.array(
    z.object({
      category: VatCategoryCode,
      rateBasisPoints: z.number().int(),
      taxableMinor: z.number().int(),
      vatMinor: z.number().int(),
      exemptionReason: z.string().nullable(),
    }),
  ),
  notes: z.array(z.string()),
  reason: z.string().nullable(),
  /** On an invoice: its credit notes; the gross still open to credit. */
  creditNotes: z.array(InvoiceListItem),
  creditableGrossMinor: z.number().int(),
  /** On an invoice: the ids of the lines its credit notes took; each line is credited at most once. */
  creditedLineIds: z.array(z.number().int()),
  history: z.array(InvoiceHistoryEntry),
});
export type InvoiceDetails = z.infer<typeof InvoiceDetails>;

export const MarkInvoicePaidRequest = z.object({ paidOn: CalendarDate });

/**
 * `Send by e-mail`: the invoice's or credit note's mail with its PDF, to this address (the web app offers the
 * buyer's). Answers 200 with the invoice's InvoiceDetails, its history naming the mail.
 */
export const SendInvoiceMailRequest = z.object({ to: Email });

/**
 * A billing month's invoices and credit notes (a credit note counts in its invoice's month, as in the list), as
 * CSV for accounting or as one ZIP of their PDFs and XMLs. `sep=semicolon` writes the CSV for German Excel:
 * semicolons between fields and decimal commas in amounts; the default is commas and decimal points.
 */
export const InvoiceExportQuery = z.object({
  month: BillingMonthLabel,
  sep: z.enum(['comma', 'semicolon']).default('comma'),
});
export type InvoiceExportQuery = z.infer<typeof InvoiceExportQuery>;

/**
 * A credit note: every line still open (lineIds left out) or the chosen ones, in full; a line credited before is
 * refused (CREDIT_EXCEEDS_INVOICE). Crediting the last open lines cancels the invoice. Answers 201 with the
 * invoice's InvoiceDetails (its credit notes included), as POST …/paid answers 200 with them.
 */
export const CreateCreditNoteRequest = z.object({
  reason: z.string().trim().min(1, 'Enter a reason.').max(500),
  lineIds: z.array(z.number().int().min(1)).min(1).optional(),
});

/** A card customer's invoice at Stripe, listed beside the portal's own. */
export const StripeInvoiceItem = z.object({
  id: z.string(),
  number: z.string().nullable(),
  status: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']),
  currency: z.string(),
  totalMinor: z.number().int(),
  amountPaidMinor: z.number().int(),
  hostedInvoiceUrl: z.string().nullable(),
  createdAt: IsoInstant,
});
export type StripeInvoiceItem = z.infer<typeof StripeInvoiceItem>;

/** A customer's invoices: in the customer details overlay and on the portal's Invoices page. */
export const CustomerInvoicesResponse = z.object({
  invoices: z.array(InvoiceListItem),
  stripeInvoices: z.array(StripeInvoiceItem),
});
export type CustomerInvoicesResponse = z.infer<typeof CustomerInvoicesResponse>;

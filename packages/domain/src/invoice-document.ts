/**
 * An issued invoice or credit note as a document: everything its PDF and its EN 16931 (CII) XML show, fixed at
 * issue. The server stores it as issued and never changes it (a correction is a credit note); the documents are
 * rendered from it alone, so a re-render years later shows the same.
 *
 * Amounts are integer minor units (cents) of `currency`; dates are calendar dates `YYYY-MM-DD` in the billing
 * time zone; rates are basis points (19 % = 1900) so that no float touches money.
 */

/** EN 16931 VAT category codes (UNTDID 5305) the portal uses: S standard, AE reverse charge, G export, O outside scope. */
export type VatCategory = 'S' | 'AE' | 'G' | 'O';

/** UNTDID 1001: 380 commercial invoice, 381 credit note. */
export type InvoiceTypeCode = '380' | '381';

export interface InvoiceParty {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  vatId: string | null;
}

export interface InvoiceSeller extends InvoiceParty {
  taxNumber: string | null;
  email: string;
  phone: string;
  iban: string;
  bic: string;
  bankName: string;
  footer: string;
}

export interface InvoiceBuyer extends InvoiceParty {
  /** The portal's customer id; the buyer reference (BT-10) and the customer's identifier. */
  customerId: string;
  contactName: string;
  /** Where the invoice is mailed (the invoice e-mail, else the main user's). */
  email: string;
}

export interface InvoiceLine {
  /** 1, 2, … in document order. */
  id: number;
  articleName: string;
  articleNumber: string;
  /** The service period of the line, inclusive calendar dates. */
  periodFrom: string;
  periodTo: string;
  /**
   * IPs in the line's price range (the invoiced quantity, unit "C62"/one per IP and month); 1 on a project
   * key's line, which bills the key as one item (see invoiceLinesOfMonth).
   */
  quantity: number;
  /** Price per IP and month; a project key's monthly sales price on its line. */
  unitPriceMinor: number;
  /**
   * The line's net amount: quantity × unit price, pro rata by days for a period shorter than the month
   * (× days / days in month), rounded half-up once. Negative on no line: a credit note's lines are positive and
   * its type code says it credits.
   */
  netMinor: number;
  vatCategory: VatCategory;
  vatRateBasisPoints: number;
}

export interface VatBreakdown {
  category: VatCategory;
  rateBasisPoints: number;
  /** Sum of the line nets of this category and rate (BR-CO-17 base). */
  taxableMinor: number;
  /** taxable × rate, rounded half-up to the cent once per category (BR-CO-17). */
  vatMinor: number;
  /** The exemption reason EN 16931 requires for AE, G and O (BT-120), in the invoice's language. */
  exemptionReason: string | null;
}

export interface InvoiceTotals {
  /** Sum of line nets (BT-106). */
  lineTotalMinor: number;
  /** = lineTotal: the portal gives no document-level allowances or charges (BT-109). */
  netMinor: number;
  /** Sum of the breakdown's VAT (BT-110). */
  vatMinor: number;
  /** net + VAT (BT-112), and what is due (BT-115): nothing is prepaid. */
  grossMinor: number;
}

export interface InvoiceDocument {
  typeCode: InvoiceTypeCode;
  /** The invoice number (BT-1), e.g. RE-2026-000123. */
  number: string;
  /** Issue date (BT-2). */
  issueDate: string;
  /** Due date (BT-9): issue date + the payment term. */
  dueDate: string;
  /** The billing month invoiced, `YYYY-MM`. */
  billingMonth: string;
  /** ISO 4217. */
  currency: string;
  language: 'en' | 'de';
  seller: InvoiceSeller;
  buyer: InvoiceBuyer;
  lines: InvoiceLine[];
  vat: VatBreakdown[];
  totals: InvoiceTotals;
  /** Payment term text (BT-20), e.g. "Payable within 14 days without deduction". */
  paymentTerms: string;
  /** Free-text notes (BT-22): the legal note for reverse charge or export, a credit note's reason. */
  notes: string[];
  /** A credit note's invoice (BT-25, BT-26); null on an invoice. */
  precedingInvoice: { number: string; issueDate: string } | null;
}

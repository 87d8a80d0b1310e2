import type { CompanySettings } from '@vmsp/contracts';
import {
  type BilledPeriod,
  type BillingMonth,
  type InvoiceDocument,
  type InvoiceLanguage,
  invoiceLinesOfMonth,
  invoiceTotals,
  vatExemptionReason,
  vatTreatment,
} from '@vmsp/domain';
import type { PriceVersionRecord } from '../prices/prices.service.ts';
import type { InvoiceCustomer, InvoicedPeriod, RedeemedKey } from './invoice-run.repository.ts';

/** A month's invoice of one customer before it has a number, or why it cannot be issued. */
export type InvoiceDraft =
  | { ok: true; document: Omit<InvoiceDocument, 'number'> }
  | { ok: false; reason: string };

export interface DraftInput {
  customer: InvoiceCustomer;
  periods: InvoicedPeriod[];
  versions: Map<number, PriceVersionRecord>;
  keys: Map<string, RedeemedKey>;
  seller: CompanySettings;
  month: BillingMonth;
  issueDate: string;
  dueDate: string;
  timeZone: string;
}

const ADDRESS_FIELDS = [
  ['street', 'street'],
  ['postalCode', 'postal code'],
  ['city', 'city'],
  ['country', 'country'],
] as const;

/**
 * The invoice of a customer's month: addressed to the billing address where the customer set one (else the
 * company address), mailed to the invoice e-mail (else the main user's), in the main user's language, taxed by
 * the buyer's country (vatTreatment), its lines from the month's periods (invoiceLinesOfMonth), its totals by
 * EN 16931's rounding (invoiceTotals), and the seller as Settings → Company says at issue.
 */
export function invoiceDraftOf(input: DraftInput): InvoiceDraft {
  const { customer, seller } = input;
  const address = customer.billingAddress ?? customer;
  const blank = ADDRESS_FIELDS.filter(([key]) => (address[key] ?? '').trim() === '').map(
    ([, label]) => label,
  );
  if (blank.length) {
    const which = customer.billingAddress ? 'billing address' : 'address';
    return {
      ok: false,
      reason: `The customer's ${which} lacks: ${blank.join(', ')}. Complete it to invoice.`,
    };
  }
  const language: InvoiceLanguage = customer.locale ?? (address.country === 'DE' ? 'de' : 'en');
  const vat = vatTreatment({
    sellerCountry: seller.country,
    buyerCountry: address.country,
    buyerVatId: customer.vatId,
    standardRateBasisPoints: seller.standardVatRateBasisPoints,
    language,
  });
  const lines = invoiceLinesOfMonth({
    billingMonth: input.month.label,
    timeZone: input.timeZone,
    periods: input.periods.map((p) => billedPeriod(p, input, language)),
    vat: { category: vat.category, rateBasisPoints: vat.rateBasisPoints },
  });
  if (!lines.length) return { ok: false, reason: 'Nothing to invoice: no paid day in the month.' };
  const { vat: breakdown, totals } = invoiceTotals(lines, (category) =>
    vatExemptionReason(category, language),
  );
  return {
    ok: true,
    document: {
      typeCode: '380',
      issueDate: input.issueDate,
      dueDate: input.dueDate,
      billingMonth: input.month.label,
      currency: input.periods[0]?.currency ?? 'EUR',
      language,
      seller: {
        name: seller.companyName,
        street: seller.street,
        postalCode: seller.postalCode,
        city: seller.city,
        country: seller.country,
        vatId: seller.vatId || null,
        taxNumber: seller.taxNumber || null,
        email: seller.email,
        phone: seller.phone,
        iban: seller.iban,
        bic: seller.bic,
        bankName: seller.bankName,
        footer: seller.footer,
      },
      buyer: {
        customerId: customer.id,
        name: customer.companyName,
        street: address.street,
        postalCode: address.postalCode,
        city: address.city,
        country: address.country,
        vatId: customer.vatId || null,
        contactName: customer.contactName,
        email: customer.invoiceEmail || customer.contactEmail,
      },
      lines,
      vat: breakdown,
      totals,
      paymentTerms: paymentTerms(seller.paymentTermDays, input.dueDate, language),
      notes: vat.note ? [vat.note] : [],
      precedingInvoice: null,
    },
  };
}

/**
 * A stored period as the lines bill it.
 * - Priced by a table version: graduated by that version's ranges.
 * - Paid by a project key: the wizard's sales price is the price of the whole term (the key carries IPs for a
 *   number of months), so a month is billed at sales price / months, rounded half-up to the cent (the
 *   period's monthly price, set so at redemption), pro rata by days in a month the term starts or ends in. One
 *   line, "Project key <id>: <IPs> IPs, <months> months".
 * - A period ended without a successor (Cancel, or a deletion's purge), unless its fixed term ran out: billed to
 *   the month's end, since a cancelled month is still billed and nothing is refunded (R-3.5).
 */
function billedPeriod(p: InvoicedPeriod, input: DraftInput, language: InvoiceLanguage): BilledPeriod {
  const cancelled = p.endedAt !== null && !p.continued && !(p.termEndsAt && p.termEndsAt <= p.endedAt);
  const common = {
    startedAt: p.startedAt,
    endedAt: cancelled ? null : p.endedAt,
    ipsInternal: p.ipsInternal,
    ipsExternal: p.ipsExternal,
  };
  if (p.priceVersion !== null) {
    const version = input.versions.get(p.priceVersion);
    if (!version) throw new Error(`price version ${p.priceVersion} vanished`);
    return { ...common, pricing: { kind: 'graduated', table: version } };
  }
  const key = p.projectKeyId ? input.keys.get(p.projectKeyId) : undefined;
  const ips = key?.ips ?? p.ipsInternal + p.ipsExternal;
  const keyId = p.projectKeyId ?? '';
  const articleName =
    language === 'de'
      ? `Projektschlüssel ${keyId}: ${ips} IPs${key ? `, Laufzeit ${key.months} Monate` : ''}`
      : `Project key ${keyId}: ${ips} IPs${key ? `, ${key.months}-month term` : ''}`;
  return {
    ...common,
    pricing: {
      kind: 'fixed',
      articleName,
      articleNumber: 'PROJECT-KEY',
      monthlyAmountMinor: p.monthlyPriceMinor,
    },
  };
}

function paymentTerms(days: number, dueDate: string, language: InvoiceLanguage): string {
  if (language === 'de') {
    return days === 0
      ? 'Sofort zahlbar ohne Abzug.'
      : `Zahlbar innerhalb von ${days} Tagen ohne Abzug bis ${dueDate.split('-').reverse().join('.')}.`;
  }
  return days === 0
    ? 'Payable immediately without deduction.'
    : `Payable within ${days} days without deduction, by ${dueDate}.`;
}

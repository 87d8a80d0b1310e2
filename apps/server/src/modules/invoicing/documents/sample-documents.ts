import {
  divideHalfUp,
  type InvoiceBuyer,
  type InvoiceDocument,
  type InvoiceLine,
  type InvoiceSeller,
  type VatBreakdown,
  vatExemptionReason,
  vatTreatment,
} from '@vmsp/domain';
import { daysBetween, lastDayOfMonth } from './document-format.ts';

/**
 * Invoice documents as the invoice run issues them, for the document tests and the rendering benchmark: a German
 * customer (S 19 %), an EU customer with a VAT-ID (AE), a customer outside the EU (O), a credit note (381) and an
 * instant upgrade mid-month (pro rata by days over the graduated ranges). Lines, VAT and totals are computed here
 * the way the decision says (each line rounded half-up once, VAT once per category), so every figure adds up.
 */

export type SampleKind = 'german' | 'eu-reverse-charge' | 'non-eu' | 'credit-note' | 'pro-rata';
export const SAMPLE_KINDS: readonly SampleKind[] = [
  'german',
  'eu-reverse-charge',
  'non-eu',
  'credit-note',
  'pro-rata',
];

const STANDARD_RATE = 1900;

export const SAMPLE_SELLER: InvoiceSeller = {
  name: 'vMSP Security GmbH',
  street: 'Friedrichstraße 123',
  postalCode: '10117',
  city: 'Berlin',
  country: 'DE',
  vatId: 'DE136695976',
  taxNumber: '30/123/45678',
  email: 'billing@vmsp.example',
  phone: '+49 30 1234567',
  iban: 'DE02 1203 0000 0000 2020 51',
  bic: 'BYLADEM1001',
  bankName: 'Deutsche Kreditbank',
  footer: 'Managing director: Erika Mustermann · Amtsgericht Berlin-Charlottenburg HRB 123456',
};

const BUYERS: Record<'german' | 'eu' | 'nonEu', InvoiceBuyer> = {
  german: {
    name: 'Müller & Söhne Logistik GmbH',
    street: 'Hafenstraße 7',
    postalCode: '20457',
    city: 'Hamburg',
    country: 'DE',
    vatId: null,
    customerId: '0f8c2a6e-3d1b-4f7a-9c55-2b7e1d4a9f01',
    contactName: 'Jana Müller',
    email: 'rechnungen@mueller-logistik.example',
  },
  eu: {
    name: 'Nordwind B.V.',
    street: 'Keizersgracht 500',
    postalCode: '1017 EK',
    city: 'Amsterdam',
    country: 'NL',
    vatId: 'NL123456789B01',
    customerId: '5a1d7c3e-8b2f-4e6a-b9d0-7c4e2f1a8b33',
    contactName: 'Pieter de Vries',
    email: 'finance@nordwind.example',
  },
  nonEu: {
    name: 'Alpine Data AG',
    street: 'Bahnhofstrasse 10',
    postalCode: '8001',
    city: 'Zürich',
    country: 'CH',
    vatId: 'CHE-123.456.789 MWST',
    customerId: '9e3b5d7f-1a2c-4b6d-8e0f-3c5a7b9d1e22',
    contactName: 'Lukas Meier',
    email: 'accounts@alpinedata.example',
  },
};

interface RangeLine {
  articleName: string;
  articleNumber: string;
  periodFrom: string;
  periodTo: string;
  quantity: number;
  unitPriceMinor: number;
}

/** One of the sample documents; `sequence` varies the number so that a benchmark renders distinct documents. */
export function sampleInvoiceDocument(kind: SampleKind, sequence = 1): InvoiceDocument {
  const number = `RE-2026-${String(sequence).padStart(6, '0')}`;
  switch (kind) {
    case 'german':
      return invoiceFor(number, BUYERS.german, 'de', wholeMonth('2026-11', 300));
    case 'eu-reverse-charge':
      return invoiceFor(number, BUYERS.eu, 'en', wholeMonth('2026-11', 120));
    case 'non-eu':
      return invoiceFor(number, BUYERS.nonEu, 'en', wholeMonth('2026-11', 40), { taxNumber: null });
    case 'pro-rata':
      return invoiceFor(number, BUYERS.german, 'de', instantUpgrade());
    case 'credit-note':
      return creditNoteOf(
        invoiceFor('RE-2026-000042', BUYERS.german, 'de', wholeMonth('2026-11', 300)),
        number,
      );
  }
}

export function sampleInvoiceDocuments(): InvoiceDocument[] {
  return SAMPLE_KINDS.map((kind, index) => sampleInvoiceDocument(kind, index + 1));
}

/** The graduated table: 1–100 IPs at 2.00, 101–250 at 1.50, from 251 at 1.00 per IP and month. */
function graduatedRanges(ips: number, periodFrom: string, periodTo: string): RangeLine[] {
  const ranges = [
    { from: 1, to: 100, price: 200 },
    { from: 101, to: 250, price: 150 },
    { from: 251, to: Number.POSITIVE_INFINITY, price: 100 },
  ];
  return ranges
    .filter((range) => ips >= range.from)
    .map((range) => ({
      articleName: `Vulnerability scanning, IPs ${range.from}–${Math.min(ips, range.to)}`,
      articleNumber: 'VMSP-SCAN-IP',
      periodFrom,
      periodTo,
      quantity: Math.min(ips, range.to) - range.from + 1,
      unitPriceMinor: range.price,
    }));
}

function wholeMonth(month: string, ips: number): RangeLine[] {
  return graduatedRanges(ips, `${month}-01`, lastDayOfMonth(month));
}

/** October 2026 (31 days): 100 IPs until the 15th, then 300 IPs instantly from the 16th. */
function instantUpgrade(): RangeLine[] {
  return [
    ...graduatedRanges(100, '2026-10-01', '2026-10-15'),
    ...graduatedRanges(300, '2026-10-16', '2026-10-31'),
    {
      articleName: 'Project key: external perimeter scan',
      articleNumber: 'VMSP-PROJECT-KEY',
      periodFrom: '2026-10-01',
      periodTo: '2026-10-31',
      quantity: 1,
      unitPriceMinor: 49_900,
    },
  ];
}

function invoiceFor(
  number: string,
  buyer: InvoiceBuyer,
  language: 'en' | 'de',
  ranges: RangeLine[],
  sellerChanges: Partial<InvoiceSeller> = {},
): InvoiceDocument {
  const seller = { ...SAMPLE_SELLER, ...sellerChanges };
  const vat = vatTreatment({
    sellerCountry: seller.country,
    buyerCountry: buyer.country,
    buyerVatId: buyer.vatId,
    standardRateBasisPoints: STANDARD_RATE,
    language,
  });
  const month = (ranges[0]?.periodFrom ?? '2026-11-01').slice(0, 7);
  const lines: InvoiceLine[] = ranges.map((range, index) => ({
    id: index + 1,
    ...range,
    netMinor: proRata(range, month),
    vatCategory: vat.category,
    vatRateBasisPoints: vat.rateBasisPoints,
  }));
  return withTotals({
    typeCode: '380',
    number,
    issueDate: '2026-12-01',
    dueDate: '2026-12-15',
    billingMonth: month,
    currency: 'EUR',
    language,
    seller,
    buyer,
    lines,
    vat: [],
    totals: { lineTotalMinor: 0, netMinor: 0, vatMinor: 0, grossMinor: 0 },
    paymentTerms:
      language === 'de'
        ? 'Zahlbar innerhalb von 14 Tagen ohne Abzug.'
        : 'Payable within 14 days without deduction.',
    notes: vat.note ? [vat.note] : [],
    precedingInvoice: null,
  });
}

function creditNoteOf(invoice: InvoiceDocument, number: string): InvoiceDocument {
  const reason = 'Gutschrift für den November: Der Dienst war vom 3. bis 30. November nicht erreichbar.';
  return {
    ...invoice,
    typeCode: '381',
    number,
    issueDate: '2026-12-10',
    dueDate: '2026-12-24',
    paymentTerms: 'Der Betrag wird innerhalb von 14 Tagen auf Ihr Konto erstattet.',
    notes: [...invoice.notes, reason],
    precedingInvoice: { number: invoice.number, issueDate: invoice.issueDate },
  };
}

/** quantity × unit price × days / days in the month, rounded half-up once. */
function proRata(range: RangeLine, month: string): number {
  const monthly = range.quantity * range.unitPriceMinor;
  const days = daysBetween(range.periodFrom, range.periodTo);
  const daysInMonth = daysBetween(`${month}-01`, lastDayOfMonth(month));
  return days === daysInMonth ? monthly : divideHalfUp(monthly * days, daysInMonth);
}

function withTotals(doc: InvoiceDocument): InvoiceDocument {
  const byCategory = new Map<string, VatBreakdown>();
  for (const line of doc.lines) {
    const key = `${line.vatCategory}:${line.vatRateBasisPoints}`;
    const entry = byCategory.get(key) ?? {
      category: line.vatCategory,
      rateBasisPoints: line.vatRateBasisPoints,
      taxableMinor: 0,
      vatMinor: 0,
      exemptionReason: vatExemptionReason(line.vatCategory, doc.language),
    };
    entry.taxableMinor += line.netMinor;
    byCategory.set(key, entry);
  }
  const vat = [...byCategory.values()].map((entry) => ({
    ...entry,
    vatMinor: divideHalfUp(entry.taxableMinor * entry.rateBasisPoints, 10_000),
  }));
  const lineTotalMinor = doc.lines.reduce((sum, line) => sum + line.netMinor, 0);
  const vatMinor = vat.reduce((sum, entry) => sum + entry.vatMinor, 0);
  return {
    ...doc,
    vat,
    totals: { lineTotalMinor, netMinor: lineTotalMinor, vatMinor, grossMinor: lineTotalMinor + vatMinor },
  };
}

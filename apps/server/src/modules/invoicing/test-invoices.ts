import {
  DEFAULT_INVOICE_NUMBER_PATTERN,
  formatInvoiceNumber,
  type InvoiceDocument,
  type InvoiceLine,
  invoiceTotals,
  type VatCategory,
} from '@vmsp/domain';
import type { Database } from '../../db/connection.ts';
import { invoices } from '../../db/schema.ts';
import { COMPLETE_COMPANY } from './company-settings.fixtures.ts';
import { addDays, yearOf } from './invoice-dates.ts';
import { takeInvoiceNumbers } from './invoice-numbers.ts';

/**
 * Issued invoices for tests, written straight into the table with a document whose VAT breakdown and totals
 * are the domain's (invoiceTotals), one VAT category per invoice as the portal issues them, and a number from the
 * year's real sequence, so that credit notes continue it.
 */
export interface TestInvoice {
  customerId: string | null;
  customerName?: string;
  billingMonth: string;
  issueDate: string;
  /** Default: 14 days after the issue date. */
  dueDate?: string;
  /** Default: one line of 100 IPs at 1.50. */
  lines?: { quantity: number; unitPriceMinor: number }[];
  vatCategory?: VatCategory;
  language?: 'en' | 'de';
  /** When the issue happened; default: 06:00 UTC on the issue date. */
  issuedAt?: Date;
  /** Stored documents, as if the rendering job had run. */
  rendered?: { xml: string; pdf: Uint8Array };
}

const RATES: Record<VatCategory, number> = { S: 1900, AE: 0, G: 0, O: 0 };
const EXEMPTION: Record<VatCategory, string | null> = {
  S: null,
  AE: 'Reverse charge',
  G: 'Export outside the EU',
  O: 'Not subject to VAT',
};

export function testInvoiceDocument(
  number: string,
  input: TestInvoice & { customerId: string | null },
): InvoiceDocument {
  const category = input.vatCategory ?? 'S';
  const rate = RATES[category];
  const [year, month] = input.billingMonth.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lines: InvoiceLine[] = (input.lines ?? [{ quantity: 100, unitPriceMinor: 150 }]).map((l, i) => ({
    id: i + 1,
    articleName: `Scan ${i + 1}`,
    articleNumber: `IP-${i + 1}`,
    periodFrom: `${input.billingMonth}-01`,
    periodTo: `${input.billingMonth}-${String(lastDay).padStart(2, '0')}`,
    quantity: l.quantity,
    unitPriceMinor: l.unitPriceMinor,
    netMinor: l.quantity * l.unitPriceMinor,
    vatCategory: category,
    vatRateBasisPoints: rate,
  }));
  const { vat, totals } = invoiceTotals(lines, (c) => EXEMPTION[c]);
  const c = COMPLETE_COMPANY;
  return {
    typeCode: '380',
    number,
    issueDate: input.issueDate,
    dueDate: input.dueDate ?? addDays(input.issueDate, c.paymentTermDays),
    billingMonth: input.billingMonth,
    currency: 'EUR',
    language: input.language ?? 'en',
    seller: {
      name: c.companyName,
      street: c.street,
      postalCode: c.postalCode,
      city: c.city,
      country: c.country,
      vatId: c.vatId,
      taxNumber: null,
      email: c.email,
      phone: c.phone,
      iban: c.iban.replaceAll(' ', ''),
      bic: c.bic,
      bankName: c.bankName,
      footer: c.footer,
    },
    buyer: {
      name: input.customerName ?? 'Customer GmbH',
      street: 'Hauptstraße 1',
      postalCode: '10115',
      city: 'Berlin',
      country: category === 'S' ? 'DE' : 'FR',
      vatId: category === 'AE' ? 'FR40303265045' : null,
      customerId: input.customerId ?? '00000000-0000-4000-8000-000000000000',
      contactName: 'Erika Mustermann',
      email: 'billing@customer.test',
    },
    lines,
    vat,
    totals,
    paymentTerms: `Payable within ${c.paymentTermDays} days without deduction`,
    notes: category === 'AE' ? ['Reverse charge'] : [],
    precedingInvoice: null,
  };
}

/** Issues one test invoice (number from the real sequence) and returns its id, number and document. */
export async function insertTestInvoice(
  db: Database,
  input: TestInvoice,
): Promise<{ id: string; number: string; document: InvoiceDocument }> {
  return db.transaction(async (tx) => {
    const year = yearOf(input.issueDate);
    const [seq] = await takeInvoiceNumbers(tx, year, 1);
    const number = formatInvoiceNumber(DEFAULT_INVOICE_NUMBER_PATTERN, year, seq ?? 0);
    const document = testInvoiceDocument(number, input);
    const issuedAt = input.issuedAt ?? new Date(`${input.issueDate}T06:00:00Z`);
    const [row] = await tx
      .insert(invoices)
      .values({
        number,
        kind: 'invoice',
        customerId: input.customerId,
        customerName: document.buyer.name,
        billingMonth: input.billingMonth,
        issuedAt,
        issueDate: document.issueDate,
        dueDate: document.dueDate,
        currency: document.currency,
        netMinor: document.totals.netMinor,
        vatMinor: document.totals.vatMinor,
        grossMinor: document.totals.grossMinor,
        vatCategory: input.vatCategory ?? 'S',
        language: document.language,
        status: 'issued',
        document,
        ...(input.rendered ? { ...input.rendered, renderedAt: issuedAt } : {}),
        createdAt: issuedAt,
        updatedAt: issuedAt,
      })
      .returning({ id: invoices.id });
    if (!row) throw new Error('insert into invoices returned no row');
    return { id: row.id, number, document };
  });
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditNoteDocument } from './credit-note.ts';
import type { InvoiceDocument } from './invoice-document.ts';
import { invoiceLinesOfMonth } from './invoice-lines.ts';
import { invoiceTotals } from './invoice-totals.ts';
import type { PriceRange, PriceTable } from './price-table.ts';
import { type InvoiceLanguage, vatExemptionReason, vatTreatment } from './vat-treatment.ts';

const range = (from: number, to: number, unitPriceMinor: number, i: number): PriceRange => ({
  from,
  to,
  unitPriceMinor,
  articleName: `Scan ${i}`,
  articleNumber: `ART-${i}`,
});
const example: PriceTable = {
  currency: 'EUR',
  ranges: [range(1, 50, 200, 1), range(51, 250, 150, 2), range(251, 500, 100, 3)],
};

/** November 2026 of a customer upgraded instantly from 100 to 300 IPs on the 16th (five lines, 312.50 net). */
function invoiceOf(
  buyerCountry: string,
  buyerVatId: string | null,
  language: InvoiceLanguage,
): InvoiceDocument {
  const upgrade = new Date('2026-11-16T09:30:00Z');
  const pricing = { kind: 'graduated' as const, table: example };
  const treatment = vatTreatment({
    sellerCountry: 'DE',
    buyerCountry,
    buyerVatId,
    standardRateBasisPoints: 1900,
    language,
  });
  const lines = invoiceLinesOfMonth({
    billingMonth: '2026-11',
    timeZone: 'Europe/Berlin',
    periods: [
      {
        startedAt: new Date('2026-10-01T00:00:00Z'),
        endedAt: upgrade,
        ipsInternal: 60,
        ipsExternal: 40,
        pricing,
      },
      { startedAt: upgrade, endedAt: null, ipsInternal: 300, ipsExternal: 0, pricing },
    ],
    vat: treatment,
  });
  const { vat, totals } = invoiceTotals(lines, (category) => vatExemptionReason(category, language));
  return {
    typeCode: '380',
    number: 'RE-2026-000042',
    issueDate: '2026-12-01',
    dueDate: '2026-12-15',
    billingMonth: '2026-11',
    currency: 'EUR',
    language,
    seller: {
      name: 'Provider GmbH',
      street: 'Hauptstraße 1',
      postalCode: '10115',
      city: 'Berlin',
      country: 'DE',
      vatId: 'DE136695976',
      taxNumber: '30/123/45678',
      email: 'billing@provider.example',
      phone: '+49 30 123456',
      iban: 'DE02120300000000202051',
      bic: 'BYLADEM1001',
      bankName: 'Bank',
      footer: '',
    },
    buyer: {
      customerId: 'c-1',
      name: 'Customer',
      contactName: 'Jane Doe',
      email: 'jane@customer.example',
      street: 'Street 2',
      postalCode: '75001',
      city: 'Paris',
      country: buyerCountry,
      vatId: buyerVatId,
    },
    lines,
    vat,
    totals,
    paymentTerms: 'Payable within 14 days without deduction',
    notes: treatment.note ? [treatment.note] : [],
    precedingInvoice: null,
  };
}

const credit = {
  number: 'RE-2026-000043',
  issueDate: '2026-12-05',
  dueDate: '2026-12-19',
  reason: 'Wrong IPs',
};

describe('creditNoteDocument', () => {
  it('credits a whole invoice: type 381, the same lines and totals, the invoice referenced, the reason noted', () => {
    const invoice = invoiceOf('DE', null, 'en');
    expect(invoice.totals).toEqual({
      lineTotalMinor: 31250,
      netMinor: 31250,
      vatMinor: 5938,
      grossMinor: 37188,
    });
    const note = creditNoteDocument(invoice, credit);
    expect(note).toEqual({
      ...invoice,
      typeCode: '381',
      number: 'RE-2026-000043',
      issueDate: '2026-12-05',
      dueDate: '2026-12-19',
      notes: ['Wrong IPs'],
      precedingInvoice: { number: 'RE-2026-000042', issueDate: '2026-12-01' },
    });
  });

  it('credits chosen lines in invoice order, renumbered, with VAT recomputed on them', () => {
    const invoice = invoiceOf('DE', null, 'de');
    const note = creditNoteDocument(invoice, { ...credit, lineIds: [4, 2] });
    expect(note.lines.map((l) => [l.id, l.articleNumber, l.periodFrom, l.netMinor])).toEqual([
      [1, 'ART-2', '2026-11-01', 3750],
      [2, 'ART-2', '2026-11-16', 15000],
    ]);
    // 187.50 × 19 % = 35.625 → 35.63
    expect(note.vat).toEqual([
      { category: 'S', rateBasisPoints: 1900, taxableMinor: 18750, vatMinor: 3563, exemptionReason: null },
    ]);
    expect(note.totals).toEqual({
      lineTotalMinor: 18750,
      netMinor: 18750,
      vatMinor: 3563,
      grossMinor: 22313,
    });
  });

  it("keeps a reverse-charge invoice's exemption reason and legal note", () => {
    const invoice = invoiceOf('FR', 'FR40303265045', 'de');
    const note = creditNoteDocument(invoice, { ...credit, lineIds: [1] });
    expect(note.vat).toEqual([
      {
        category: 'AE',
        rateBasisPoints: 0,
        taxableMinor: 5000,
        vatMinor: 0,
        exemptionReason: 'Steuerschuldnerschaft des Leistungsempfängers',
      },
    ]);
    expect(note.notes[0]).toBe('Wrong IPs');
    expect(note.notes[1]).toContain('Steuerschuldnerschaft des Leistungsempfängers');
  });

  it.each([
    ['an unknown line', { lineIds: [6] }],
    ['line 0', { lineIds: [0] }],
    ['no line', { lineIds: [] }],
    ['a line twice', { lineIds: [1, 1] }],
    ['a blank reason', { reason: '  ' }],
  ])('refuses %s', (_, overrides) => {
    expect(() => creditNoteDocument(invoiceOf('DE', null, 'en'), { ...credit, ...overrides })).toThrow(
      RangeError,
    );
  });

  it('refuses to credit a credit note', () => {
    const note = creditNoteDocument(invoiceOf('DE', null, 'en'), credit);
    expect(() => creditNoteDocument(note, credit)).toThrow(RangeError);
  });

  it('credits exactly the chosen lines, and its totals add up, for any choice', () => {
    const invoice = invoiceOf('DE', null, 'en');
    const ids = invoice.lines.map((l) => l.id);
    fc.assert(
      fc.property(
        fc.subarray(ids, { minLength: 1 }).chain((s) => fc.shuffledSubarray(s, { minLength: s.length })),
        (lineIds) => {
          const note = creditNoteDocument(invoice, { ...credit, lineIds });
          const chosen = invoice.lines.filter((l) => lineIds.includes(l.id));
          expect(note.lines.map(({ id: _, ...rest }) => rest)).toEqual(
            chosen.map(({ id: _, ...rest }) => rest),
          );
          expect(note.totals.netMinor).toBe(chosen.reduce((s, l) => s + l.netMinor, 0));
          expect(note.totals.grossMinor).toBe(note.totals.netMinor + note.totals.vatMinor);
          expect(note.totals.grossMinor).toBeLessThanOrEqual(invoice.totals.grossMinor);
        },
      ),
    );
  });
});

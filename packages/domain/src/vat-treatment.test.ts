import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, isEuMemberState } from './countries.ts';
import { type VatTreatmentInput, vatExemptionReason, vatTreatment } from './vat-treatment.ts';

const input = (overrides: Partial<VatTreatmentInput>): VatTreatmentInput => ({
  sellerCountry: 'DE',
  buyerCountry: 'DE',
  buyerVatId: null,
  standardRateBasisPoints: 1900,
  language: 'en',
  ...overrides,
});

describe('vatTreatment', () => {
  it('charges the standard rate to a German buyer, with or without VAT-ID', () => {
    const standard = { category: 'S', rateBasisPoints: 1900, exemptionReason: null, note: null };
    expect(vatTreatment(input({}))).toEqual(standard);
    expect(vatTreatment(input({ buyerVatId: 'DE136695976', language: 'de' }))).toEqual(standard);
  });

  it('uses the rate it is given', () => {
    expect(vatTreatment(input({ standardRateBasisPoints: 1600 })).rateBasisPoints).toBe(1600);
  });

  it('reverse-charges a buyer in another EU member state with a VAT-ID, with the legal text', () => {
    expect(vatTreatment(input({ buyerCountry: 'FR', buyerVatId: 'FR40303265045' }))).toEqual({
      category: 'AE',
      rateBasisPoints: 0,
      exemptionReason: 'Reverse charge',
      note: expect.stringContaining('Reverse charge'),
    });
    const de = vatTreatment(input({ buyerCountry: 'AT', buyerVatId: 'ATU13585627', language: 'de' }));
    expect(de).toMatchObject({ category: 'AE', rateBasisPoints: 0 });
    expect(de.exemptionReason).toBe('Steuerschuldnerschaft des Leistungsempfängers');
    expect(de.note).toContain('Steuerschuldnerschaft des Leistungsempfängers');
  });

  it('charges the standard rate to an EU buyer without a VAT-ID (blank counts as none)', () => {
    for (const buyerVatId of [null, '', '   ']) {
      expect(vatTreatment(input({ buyerCountry: 'NL', buyerVatId }))).toMatchObject({
        category: 'S',
        rateBasisPoints: 1900,
        exemptionReason: null,
      });
    }
  });

  it('treats a buyer outside the EU as not subject to VAT (O), in both languages', () => {
    const en = vatTreatment(input({ buyerCountry: 'CH', buyerVatId: 'CHE123456789MWST' }));
    expect(en).toMatchObject({ category: 'O', rateBasisPoints: 0, exemptionReason: 'Not subject to VAT' });
    expect(en.note).toContain('Not subject to VAT');
    const de = vatTreatment(input({ buyerCountry: 'US', buyerVatId: null, language: 'de' }));
    expect(de).toMatchObject({ category: 'O', rateBasisPoints: 0 });
    expect(de.exemptionReason).toBe('Nicht der Umsatzsteuer unterliegend');
    expect(de.note).toContain('Nicht im Inland steuerbar');
  });

  it('treats the United Kingdom, Norway and Switzerland as outside the EU', () => {
    for (const buyerCountry of ['GB', 'NO', 'CH']) {
      expect(vatTreatment(input({ buyerCountry, buyerVatId: `${buyerCountry}123` })).category).toBe('O');
    }
  });

  it('refuses a seller outside the EU and a standard rate that is not above zero', () => {
    expect(() => vatTreatment(input({ sellerCountry: 'CH' }))).toThrow(RangeError);
    expect(() => vatTreatment(input({ standardRateBasisPoints: 0 }))).toThrow(RangeError);
    expect(() => vatTreatment(input({ standardRateBasisPoints: 19.5 }))).toThrow(RangeError);
  });

  it('keeps to EN 16931 for every buyer country: rates and reasons fit the category', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COUNTRY_CODES),
        fc.option(fc.constant('XX123456789'), { nil: null }),
        fc.constantFrom('en' as const, 'de' as const),
        (buyerCountry, buyerVatId, language) => {
          const t = vatTreatment(input({ buyerCountry, buyerVatId, language }));
          if (t.category === 'S') {
            // BR-S-05, BR-S-10
            expect(t.rateBasisPoints).toBeGreaterThan(0);
            expect(t.exemptionReason).toBeNull();
          } else {
            // BR-AE-05/-10, BR-O-09/-10: zero and a reason
            expect(t.rateBasisPoints).toBe(0);
            expect(t.exemptionReason).toBe(vatExemptionReason(t.category, language));
            expect(t.note).not.toBeNull();
          }
          // BR-AE-02: reverse charge only with the buyer's VAT-ID
          if (t.category === 'AE') expect(buyerVatId).not.toBeNull();
          expect(t.category === 'O').toBe(!isEuMemberState(buyerCountry));
        },
      ),
    );
  });
});

describe('vatExemptionReason', () => {
  it('has a reason for every zero-rated category and none for S', () => {
    expect(vatExemptionReason('S', 'en')).toBeNull();
    expect(vatExemptionReason('AE', 'de')).toBe('Steuerschuldnerschaft des Leistungsempfängers');
    expect(vatExemptionReason('O', 'en')).toBe('Not subject to VAT');
    expect(vatExemptionReason('G', 'en')).toBe('Export outside the EU');
  });
});

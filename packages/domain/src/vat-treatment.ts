import { isEuMemberState } from './countries.ts';
import type { VatCategory } from './invoice-document.ts';

/**
 * How VAT applies to the portal's service (a monthly subscription, an electronically supplied B2B service) for
 * one buyer, as EN 16931 expresses it: the VAT category (UNTDID 5305), the rate, the exemption reason the VAT
 * breakdown needs (BT-120) and the legal note for the invoice (BT-22).
 *
 * - Buyer in the seller's country (Germany in practice): 'S' at the standard rate.
 * - Buyer in another EU member state with a VAT-ID: 'AE', 0 %, reverse charge. The place of supply of a B2B
 *   service is the buyer's country and the buyer owes the VAT (Art. 44 and 196 of Directive 2006/112/EC,
 *   § 3a (2) and § 13b UStG); the invoice must say "Steuerschuldnerschaft des Leistungsempfängers" (§ 14a (5)
 *   UStG) or "Reverse charge" and carry the buyer's VAT-ID (BR-AE-02).
 * - Buyer in another EU member state without a VAT-ID: 'S' at the standard rate. Without a VAT-ID the buyer
 *   is not shown to be a taxable person, so the supply is treated like one to a consumer, taxed where the
 *   seller is, and reverse charge would break BR-AE-02 anyway. requires a VAT-ID outside Germany, so
 *   this only meets addresses saved before that rule.
 * - Buyer outside the EU: 'O' (not subject to VAT), 0 %. A B2B service to a business outside the EU is
 *   supplied where the buyer is established (Art. 44, § 3a (2) UStG), so it lies outside the scope of the
 *   seller's VAT; that is what 'O' means. 'G' is the VAT exemption of goods exported (Art. 146, § 4 Nr. 1a
 *   UStG): a service is not exported goods, so 'G' would state a wrong legal ground.
 *   Consequences the document must honour (EN 16931): with 'O' the XML carries no seller VAT-ID (BT-31), no
 *   seller tax representative VAT-ID (BT-63) and no buyer VAT-ID (BT-48) (BR-O-02), no line VAT rate (BR-O-05),
 *   exactly one breakdown, also 'O' (BR-O-11), VAT 0 (BR-O-09); the seller is then identified by its tax number
 *   (BT-32, § 14 (4) Nr. 2 UStG allows it instead of the VAT-ID) and, for BR-CO-26, a seller identifier
 *   (BT-29) or legal registration identifier (BT-30).
 *
 * The rules are the EU's: a seller outside the EU is refused with a RangeError rather than given an answer that
 * is legally wrong.
 */

export type InvoiceLanguage = 'en' | 'de';

export interface VatTreatmentInput {
  /** ISO 3166-1 alpha-2 of the invoice issuer (Settings → Company). */
  sellerCountry: string;
  /** ISO 3166-1 alpha-2 of the address invoiced (the billing address where the customer set one). */
  buyerCountry: string;
  buyerVatId: string | null;
  /** The standard rate of the seller's country in basis points (19 % = 1900). */
  standardRateBasisPoints: number;
  language: InvoiceLanguage;
}

export interface VatTreatment {
  category: VatCategory;
  rateBasisPoints: number;
  /** The exemption reason text of the VAT breakdown (BT-120); null for 'S', which must have none (BR-S-10). */
  exemptionReason: string | null;
  /** The legal note printed on the invoice and given as an invoice note (BT-22); null when none is needed. */
  note: string | null;
}

const TEXTS = {
  AE: {
    en: {
      reason: 'Reverse charge',
      note: 'Reverse charge: the recipient of the service is liable for the VAT (Article 196, Council Directive 2006/112/EC).',
    },
    de: {
      reason: 'Steuerschuldnerschaft des Leistungsempfängers',
      note: 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, § 13b UStG, Art. 196 MwStSystRL).',
    },
  },
  O: {
    en: {
      reason: 'Not subject to VAT',
      note: 'Not subject to VAT in the country of the supplier: the service is supplied where the recipient is established (Article 44, Council Directive 2006/112/EC).',
    },
    de: {
      reason: 'Nicht der Umsatzsteuer unterliegend',
      note: 'Nicht im Inland steuerbare Leistung: Leistungsort ist der Sitz des Leistungsempfängers (§ 3a Abs. 2 UStG).',
    },
  },
} as const;

/** The exemption reason text of a VAT category in a language: for the breakdown of documents built from lines. */
export function vatExemptionReason(category: VatCategory, language: InvoiceLanguage): string | null {
  if (category === 'AE' || category === 'O') return TEXTS[category][language].reason;
  // 'G' is never chosen by vatTreatment (see above); it is named for completeness of the category type.
  if (category === 'G') return language === 'de' ? 'Steuerfreie Ausfuhrlieferung' : 'Export outside the EU';
  return null;
}

export function vatTreatment(input: VatTreatmentInput): VatTreatment {
  const { sellerCountry, buyerCountry, buyerVatId, standardRateBasisPoints, language } = input;
  if (!isEuMemberState(sellerCountry)) {
    throw new RangeError(`VAT rules are known for sellers in EU member states only, got ${sellerCountry}`);
  }
  // BR-S-05: a standard-rated line has a rate above zero.
  if (!Number.isSafeInteger(standardRateBasisPoints) || standardRateBasisPoints <= 0) {
    throw new RangeError(
      `The standard VAT rate must be a whole number of basis points > 0, got ${standardRateBasisPoints}`,
    );
  }
  const standard: VatTreatment = {
    category: 'S',
    rateBasisPoints: standardRateBasisPoints,
    exemptionReason: null,
    note: null,
  };
  if (buyerCountry === sellerCountry) return standard;
  if (isEuMemberState(buyerCountry)) {
    const hasVatId = buyerVatId !== null && buyerVatId.trim() !== '';
    return hasVatId ? zeroRated('AE', language) : standard;
  }
  return zeroRated('O', language);
}

function zeroRated(category: 'AE' | 'O', language: InvoiceLanguage): VatTreatment {
  const text = TEXTS[category][language];
  return { category, rateBasisPoints: 0, exemptionReason: text.reason, note: text.note };
}

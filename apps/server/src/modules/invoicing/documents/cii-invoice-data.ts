import type { Invoice } from '@e-invoice-eu/core';
import type { InvoiceDocument, InvoiceLine, VatBreakdown, VatCategory } from '@vmsp/domain';
import { decimalOfMinor, lastDayOfMonth, minorDigits, percentOfBasisPoints } from './document-format.ts';

/**
 * The invoice document in @e-invoice-eu/core's input form: EN 16931's business terms in UBL's element names,
 * which the library turns into CII (the XML of Factur-X/ZUGFeRD). Each EN 16931 term the portal fills is named
 * beside it, and the VAT rules the official validation checks are kept here:
 *
 * - VAT-IDs: 'S' and 'AE' carry the seller's VAT-ID (BT-31) and tax number (BT-32) as given; 'AE' carries the
 *   buyer's VAT-ID (BT-48, BR-AE-02). 'O' (not subject to VAT) must carry no VAT-ID at all (BR-O-02), so the
 *   seller is named by its tax number (BT-32) and, for BR-CO-26, the seller's legal registration identifier
 *   (BT-30): the tax number, the number the tax office registers the company by, or the VAT-ID as a plain
 *   identifier when the company has none. (BT-29 would do too, but the library drops a seller's BT-29.)
 * - Rates: an 'O' line and breakdown have no rate (BR-O-05); 'AE' and 'G' have 0 (BR-AE-05, BR-G-05).
 * - Exemption reasons (BT-120, with the code BT-121) on every breakdown but 'S' (BR-AE-10, BR-G-10, BR-O-10).
 * - Payment: an invoice is paid by SEPA credit transfer (BT-81 = 58) to the seller's IBAN (BT-84, BR-61) with
 *   the BIC (BT-86) and the invoice number as remittance (BT-83). A credit note is paid back by the seller, so
 *   it names no account of the seller's; it keeps its due date and terms (BR-CO-25).
 */

type UblInvoice = Invoice['ubl:Invoice'];
type CurrencyCode = UblInvoice['cbc:DocumentCurrencyCode'];
type SellerParty = UblInvoice['cac:AccountingSupplierParty']['cac:Party'];
type BuyerParty = UblInvoice['cac:AccountingCustomerParty']['cac:Party'];
type CountryCode = SellerParty['cac:PostalAddress']['cac:Country']['cbc:IdentificationCode'];
type TaxTotal = UblInvoice['cac:TaxTotal'][0];
type TaxSubtotal = NonNullable<TaxTotal['cac:TaxSubtotal']>[number];
type TaxCategoryCode = TaxSubtotal['cac:TaxCategory']['cbc:ID'];
type UblLine = UblInvoice['cac:InvoiceLine'][number];

/** UNTDID 4461: 58 SEPA credit transfer. */
const SEPA_CREDIT_TRANSFER = '58';
/** UN/ECE Rec 20: C62 "one" (an IP for a month). */
const UNIT_ONE = 'C62';
/** The VATEX codes (BT-121) of the exemption reasons. */
const EXEMPTION_CODES: Partial<Record<VatCategory, string>> = {
  AE: 'VATEX-EU-AE',
  G: 'VATEX-EU-G',
  O: 'VATEX-EU-O',
};

export function ciiInvoiceData(doc: InvoiceDocument): Invoice {
  const currency = doc.currency as CurrencyCode;
  const digits = minorDigits(doc.currency);
  const amount = (minor: number) => decimalOfMinor(minor, digits);
  const notSubjectToVat = doc.lines.some((line) => line.vatCategory === 'O');

  const invoice: UblInvoice = {
    'cbc:ID': doc.number, // BT-1
    'cbc:IssueDate': doc.issueDate, // BT-2
    'cbc:DueDate': doc.dueDate, // BT-9
    'cbc:InvoiceTypeCode': doc.typeCode, // BT-3
    ...(doc.notes.length > 0 ? { 'cbc:Note': [...doc.notes] } : {}), // BT-22
    'cbc:DocumentCurrencyCode': currency, // BT-5
    'cbc:BuyerReference': doc.buyer.customerId, // BT-10
    'cac:InvoicePeriod': {
      // BT-73, BT-74: the billing month
      'cbc:StartDate': `${doc.billingMonth}-01`,
      'cbc:EndDate': lastDayOfMonth(doc.billingMonth),
    },
    ...(doc.precedingInvoice
      ? {
          'cac:BillingReference': [
            {
              'cac:InvoiceDocumentReference': {
                'cbc:ID': doc.precedingInvoice.number, // BT-25
                'cbc:IssueDate': doc.precedingInvoice.issueDate, // BT-26
              },
            },
          ],
        }
      : {}),
    'cac:AccountingSupplierParty': { 'cac:Party': sellerParty(doc, notSubjectToVat) },
    'cac:AccountingCustomerParty': { 'cac:Party': buyerParty(doc, notSubjectToVat) },
    ...(doc.typeCode === '380'
      ? {
          'cac:PaymentMeans': [
            {
              'cbc:PaymentMeansCode': SEPA_CREDIT_TRANSFER, // BT-81
              'cbc:PaymentID': doc.number, // BT-83
              'cac:PayeeFinancialAccount': {
                'cbc:ID': compact(doc.seller.iban), // BT-84
                'cbc:Name': doc.seller.name, // BT-85
                'cac:FinancialInstitutionBranch': { 'cbc:ID': compact(doc.seller.bic) }, // BT-86
              },
            },
          ],
        }
      : {}),
    'cac:PaymentTerms': { 'cbc:Note': doc.paymentTerms }, // BT-20
    'cac:TaxTotal': [
      {
        'cbc:TaxAmount': amount(doc.totals.vatMinor), // BT-110
        'cbc:TaxAmount@currencyID': currency,
        'cac:TaxSubtotal': doc.vat.map((vat) => taxSubtotal(vat, currency, amount)),
      },
    ],
    'cac:LegalMonetaryTotal': {
      'cbc:LineExtensionAmount': amount(doc.totals.lineTotalMinor), // BT-106
      'cbc:LineExtensionAmount@currencyID': currency,
      'cbc:TaxExclusiveAmount': amount(doc.totals.netMinor), // BT-109
      'cbc:TaxExclusiveAmount@currencyID': currency,
      'cbc:TaxInclusiveAmount': amount(doc.totals.grossMinor), // BT-112
      'cbc:TaxInclusiveAmount@currencyID': currency,
      'cbc:PayableAmount': amount(doc.totals.grossMinor), // BT-115
      'cbc:PayableAmount@currencyID': currency,
    },
    'cac:InvoiceLine': nonEmpty(doc.lines.map((line) => invoiceLine(line, currency, amount))),
  };
  return { 'ubl:Invoice': invoice };
}

function sellerParty(doc: InvoiceDocument, notSubjectToVat: boolean): SellerParty {
  const { seller } = doc;
  const vatId = present(seller.vatId);
  const taxNumber = present(seller.taxNumber);
  const registrations: NonNullable<SellerParty['cac:PartyTaxScheme']>[number][] = [];
  if (vatId && !notSubjectToVat)
    registrations.push({ 'cbc:CompanyID': vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }); // BT-31
  if (taxNumber) registrations.push({ 'cbc:CompanyID': taxNumber, 'cac:TaxScheme': { 'cbc:ID': 'FC' } }); // BT-32
  const registration = notSubjectToVat ? (taxNumber ?? vatId) : null;
  return {
    'cbc:EndpointID': seller.email, // BT-34
    'cbc:EndpointID@schemeID': 'EM',
    'cac:PostalAddress': {
      'cbc:StreetName': seller.street, // BT-35
      'cbc:CityName': seller.city, // BT-37
      'cbc:PostalZone': seller.postalCode, // BT-38
      'cac:Country': { 'cbc:IdentificationCode': seller.country as CountryCode }, // BT-40
    },
    ...(registrations.length > 0
      ? { 'cac:PartyTaxScheme': registrations as SellerParty['cac:PartyTaxScheme'] }
      : {}),
    'cac:PartyLegalEntity': {
      'cbc:RegistrationName': seller.name, // BT-27
      ...(registration ? { 'cbc:CompanyID': registration } : {}), // BT-30
    },
    'cac:Contact': {
      ...(seller.phone ? { 'cbc:Telephone': seller.phone } : {}), // BT-42
      'cbc:ElectronicMail': seller.email, // BT-43
    },
  };
}

function buyerParty(doc: InvoiceDocument, notSubjectToVat: boolean): BuyerParty {
  const { buyer } = doc;
  const vatId = notSubjectToVat ? null : present(buyer.vatId);
  return {
    'cbc:EndpointID': buyer.email, // BT-49
    'cbc:EndpointID@schemeID': 'EM',
    'cac:PartyIdentification': { 'cbc:ID': buyer.customerId }, // BT-46
    'cac:PostalAddress': {
      'cbc:StreetName': buyer.street, // BT-50
      'cbc:CityName': buyer.city, // BT-52
      'cbc:PostalZone': buyer.postalCode, // BT-53
      'cac:Country': { 'cbc:IdentificationCode': buyer.country as CountryCode }, // BT-55
    },
    ...(vatId
      ? { 'cac:PartyTaxScheme': { 'cbc:CompanyID': vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } } }
      : {}), // BT-48
    'cac:PartyLegalEntity': { 'cbc:RegistrationName': buyer.name }, // BT-44
    'cac:Contact': {
      ...(buyer.contactName ? { 'cbc:Name': buyer.contactName } : {}), // BT-56
      'cbc:ElectronicMail': buyer.email, // BT-58
    },
  };
}

function taxSubtotal(
  vat: VatBreakdown,
  currency: CurrencyCode,
  amount: (minor: number) => string,
): TaxSubtotal {
  const exemptionCode = EXEMPTION_CODES[vat.category];
  return {
    'cbc:TaxableAmount': amount(vat.taxableMinor), // BT-116
    'cbc:TaxableAmount@currencyID': currency,
    'cbc:TaxAmount': amount(vat.vatMinor), // BT-117
    'cbc:TaxAmount@currencyID': currency,
    'cac:TaxCategory': {
      'cbc:ID': vat.category as TaxCategoryCode, // BT-118
      ...(vat.category === 'O' ? {} : { 'cbc:Percent': percentOfBasisPoints(vat.rateBasisPoints) }), // BT-119
      ...(exemptionCode ? { 'cbc:TaxExemptionReasonCode': exemptionCode } : {}), // BT-121
      ...(vat.category !== 'S' && vat.exemptionReason
        ? { 'cbc:TaxExemptionReason': vat.exemptionReason }
        : {}), // BT-120
      'cac:TaxScheme': { 'cbc:ID': 'VAT' },
    } as TaxSubtotal['cac:TaxCategory'],
  };
}

function invoiceLine(line: InvoiceLine, currency: CurrencyCode, amount: (minor: number) => string): UblLine {
  return {
    'cbc:ID': String(line.id), // BT-126
    'cbc:InvoicedQuantity': String(line.quantity), // BT-129
    'cbc:InvoicedQuantity@unitCode': UNIT_ONE, // BT-130
    'cbc:LineExtensionAmount': amount(line.netMinor), // BT-131
    'cbc:LineExtensionAmount@currencyID': currency,
    'cac:InvoicePeriod': { 'cbc:StartDate': line.periodFrom, 'cbc:EndDate': line.periodTo }, // BT-134, BT-135
    'cac:Item': {
      'cbc:Name': line.articleName, // BT-153
      'cac:SellersItemIdentification': { 'cbc:ID': line.articleNumber }, // BT-155
      'cac:ClassifiedTaxCategory': {
        'cbc:ID': line.vatCategory as TaxCategoryCode, // BT-151
        ...(line.vatCategory === 'O' ? {} : { 'cbc:Percent': percentOfBasisPoints(line.vatRateBasisPoints) }), // BT-152
        'cac:TaxScheme': { 'cbc:ID': 'VAT' },
      } as UblLine['cac:Item']['cac:ClassifiedTaxCategory'],
    },
    'cac:Price': { 'cbc:PriceAmount': amount(line.unitPriceMinor), 'cbc:PriceAmount@currencyID': currency }, // BT-146
  };
}

function present(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** IBAN and BIC without the spaces people write them with. */
function compact(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

function nonEmpty<T>(items: T[]): [T, ...T[]] {
  const [first, ...rest] = items;
  if (first === undefined) throw new RangeError('An invoice document needs at least one line (BR-16)');
  return [first, ...rest];
}

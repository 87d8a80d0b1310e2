import type { InvoiceTypeCode } from '@vmsp/domain';

/**
 * The words of the invoice PDF, one template per language. The layout (invoice-pdf.ts) is the same for both;
 * only these texts and the number and date formats (document-format.ts) differ.
 *
 * German: a correction of an invoice is titled "Rechnungskorrektur", not "Gutschrift": under § 14 (2) UStG a
 * "Gutschrift" is an invoice the buyer issues for the seller (self-billing), and the word on a seller's
 * correction can be read as exactly that.
 */
export interface InvoicePdfTexts {
  title: Record<InvoiceTypeCode, string>;
  number: string;
  issueDate: string;
  dueDate: string;
  customerNumber: string;
  billingMonth: string;
  buyerVatId: string;
  correctsInvoice: (number: string, date: string) => string;
  position: string;
  description: string;
  articleNumber: string;
  servicePeriod: string;
  proRata: (days: number, daysInMonth: number) => string;
  quantity: string;
  unitPrice: string;
  perIpAndMonth: string;
  vatRate: string;
  net: string;
  netTotal: string;
  vatLine: (rate: string, base: string) => string;
  total: Record<InvoiceTypeCode, string>;
  paymentTerms: string;
  transfer: (amount: string, due: string) => string;
  refund: (amount: string) => string;
  bankDetails: string;
  accountHolder: string;
  iban: string;
  bic: string;
  bank: string;
  reference: string;
  vatId: string;
  taxNumber: string;
  page: (page: number, pages: number) => string;
}

export const INVOICE_PDF_TEXTS: Record<'en' | 'de', InvoicePdfTexts> = {
  en: {
    title: { '380': 'Invoice', '381': 'Credit note' },
    number: 'Number',
    issueDate: 'Date',
    dueDate: 'Due date',
    customerNumber: 'Customer number',
    billingMonth: 'Billing period',
    buyerVatId: 'Your VAT-ID',
    correctsInvoice: (number, date) => `Corrects invoice ${number} of ${date}`,
    position: 'Pos.',
    description: 'Description',
    articleNumber: 'Article no.',
    servicePeriod: 'Service period',
    proRata: (days, daysInMonth) => `pro rata ${days}/${daysInMonth} days`,
    quantity: 'Quantity',
    unitPrice: 'Unit price',
    perIpAndMonth: 'per IP and month',
    vatRate: 'VAT',
    net: 'Net',
    netTotal: 'Total net',
    vatLine: (rate, base) => `VAT ${rate} on ${base}`,
    total: { '380': 'Total due', '381': 'Total credited' },
    paymentTerms: 'Payment terms',
    transfer: (amount, due) =>
      `Please transfer ${amount} by ${due} to the account below, quoting the invoice number.`,
    refund: (amount) => `We credit you ${amount}.`,
    bankDetails: 'Bank details',
    accountHolder: 'Account holder',
    iban: 'IBAN',
    bic: 'BIC',
    bank: 'Bank',
    reference: 'Reference',
    vatId: 'VAT-ID',
    taxNumber: 'Tax number',
    page: (page, pages) => `Page ${page} of ${pages}`,
  },
  de: {
    title: { '380': 'Rechnung', '381': 'Rechnungskorrektur' },
    number: 'Nummer',
    issueDate: 'Datum',
    dueDate: 'Fällig am',
    customerNumber: 'Kundennummer',
    billingMonth: 'Abrechnungszeitraum',
    buyerVatId: 'Ihre USt-IdNr.',
    correctsInvoice: (number, date) => `Korrigiert die Rechnung ${number} vom ${date}`,
    position: 'Pos.',
    description: 'Beschreibung',
    articleNumber: 'Art.-Nr.',
    servicePeriod: 'Leistungszeitraum',
    proRata: (days, daysInMonth) => `anteilig ${days}/${daysInMonth} Tage`,
    quantity: 'Menge',
    unitPrice: 'Einzelpreis',
    perIpAndMonth: 'je IP und Monat',
    vatRate: 'USt.',
    net: 'Netto',
    netTotal: 'Summe netto',
    vatLine: (rate, base) => `USt. ${rate} auf ${base}`,
    total: { '380': 'Rechnungsbetrag', '381': 'Gutgeschriebener Betrag' },
    paymentTerms: 'Zahlungsbedingungen',
    transfer: (amount, due) =>
      `Bitte überweisen Sie ${amount} bis zum ${due} unter Angabe der Rechnungsnummer auf das unten genannte Konto.`,
    refund: (amount) => `Wir schreiben Ihnen ${amount} gut.`,
    bankDetails: 'Bankverbindung',
    accountHolder: 'Kontoinhaber',
    iban: 'IBAN',
    bic: 'BIC',
    bank: 'Bank',
    reference: 'Verwendungszweck',
    vatId: 'USt-IdNr.',
    taxNumber: 'Steuernummer',
    page: (page, pages) => `Seite ${page} von ${pages}`,
  },
};

/**
 * The documents of an issued invoice or credit note: the EN 16931 XML in the CII syntax (profile EN 16931,
 * guideline urn:cen.eu:en16931:2017) and the PDF for people, a PDF/A-3 with that same XML embedded as
 * factur-x.xml (Factur-X / ZUGFeRD, conformance level EN 16931). Both are rendered from the InvoiceDocument
 * alone, so a re-render years later shows the same.
 *
 * Library (compared before choosing):
 * - @e-invoice-eu/core (chosen): maintained, used by a CLI and a web service of its own; writes CII, UBL,
 *   XRechnung and every Factur-X profile from one UBL-shaped JSON typed by EN 16931's terms. Its InvoiceService
 *   compiles the JSON schema with Ajv on every call (~0.5 s), too slow for ≥ 50 documents a second, so this
 *   module calls its CII format service directly (the public FormatFactoryService); the tests check our data
 *   against that schema through InvoiceService. Its Factur-X format (load our PDF with pdf-lib, build the XML
 *   again, save) is not used: the PDF is written as Factur-X PDF/A-3 in one pass (factur-x-pdf.ts), with the
 *   XML built here once, which halves the CPU time of a document.
 * - node-zugferd 0.1.0: marked work in progress by its author; needs zod 3 beside the portal's zod 4 and
 *   xsd-schema-validator, whose install script sets up Java.
 * - factur-x-kit 0.3.1: "still in active development" (no Extended or XRechnung yet), zod 3, and built around a
 *   PDF design of its own, while the portal needs its own template per language.
 */
import { FormatFactoryService, type Invoice, type Logger } from '@e-invoice-eu/core';
import type { InvoiceDocument } from '@vmsp/domain';
import { ciiInvoiceData } from './cii-invoice-data.ts';
import { renderInvoicePdf } from './invoice-pdf.ts';

export interface InvoiceDocuments {
  /** The CII XML (UTF-8 text), the e-invoice on its own. */
  xml: string;
  /** The PDF/A-3 for people, with the same XML embedded as factur-x.xml. */
  pdf: Uint8Array;
}

export interface RenderOptions {
  /** The company's logo (Settings → Company), a PNG or JPEG data URL, or null for the name in its place. */
  logoDataUrl: string | null;
}

/** The library speaks only about trouble; it goes to the process warnings, where the server's log sees it. */
const libraryLog: Logger = {
  log: () => {},
  warn: (message) => process.emitWarning(message, 'EInvoiceWarning'),
  error: (message) => process.emitWarning(message, 'EInvoiceError'),
};
const formats = new FormatFactoryService();
const cii = formats.createFormatService('CII', libraryLog);

const LANGUAGE_TAGS = { en: 'en-GB', de: 'de-DE' } as const;

/** Renders both documents in the calling thread (invoice-documents.ts spreads this over worker threads). */
export async function renderFacturXDocuments(
  doc: InvoiceDocument,
  options: RenderOptions,
): Promise<InvoiceDocuments> {
  const lang = LANGUAGE_TAGS[doc.language];
  const data = withPrecedingInvoiceWhereTheLibraryReadsIt(ciiInvoiceData(doc));
  // Sets the specification identifier (BT-24, urn:cen.eu:en16931:2017) and the business process (BT-23).
  cii.fillInvoiceDefaults(data);
  const xml = await cii.generate(data, { format: 'CII', lang });
  if (typeof xml !== 'string') throw new TypeError('The CII format gave no XML text');
  const pdf = await renderInvoicePdf(doc, options.logoDataUrl, xml);
  return { xml, pdf };
}

/**
 * @e-invoice-eu/core 2.3.4 reads a credit note's preceding invoice (BT-25) from cac:BillingReference/cbc:ID,
 * not from cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID where its own schema puts it (its issue
 * 455, fixed in 3.x, which the npm registry here does not offer yet), so the number is copied where it looks.
 * The date (BT-26, optional) is not: 2.3.4 would write it as udt:DateTimeString where CII has qdt:, which breaks
 * the XML schema. The PDF shows both. Our data stays valid against the library's schema (the tests check it).
 */
function withPrecedingInvoiceWhereTheLibraryReadsIt(data: Invoice): Invoice {
  const references = data['ubl:Invoice']['cac:BillingReference'];
  if (!references) return data;
  const flattened = references.map((reference) => ({
    ...reference,
    'cbc:ID': reference['cac:InvoiceDocumentReference']['cbc:ID'],
  }));
  return { 'ubl:Invoice': { ...data['ubl:Invoice'], 'cac:BillingReference': flattened } };
}

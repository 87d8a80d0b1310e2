/**
 * What makes the invoice PDF a Factur-X / ZUGFeRD PDF/A-3, added while pdfkit writes it (invoice-pdf.ts): the
 * CII XML embedded as factur-x.xml (text/xml, AFRelationship Alternative, listed in the catalog's AF array and
 * EmbeddedFiles) and the XMP metadata naming the Factur-X document type, file name, version and conformance
 * level, with the PDF/A extension schema that declares those properties. pdfkit itself writes the rest of
 * PDF/A-3b: pdfaid part 3 / conformance B, the sRGB output intent, embedded font subsets.
 *
 * Done during generation rather than by @e-invoice-eu/core's Factur-X format, which loads the finished PDF
 * with pdf-lib, builds the CII XML a second time, and saves the PDF again: a third of the CPU time of a
 * document, more than ≥ 50 documents a second on two cores allow.
 */

/** The Factur-X profile of the embedded XML, as the XMP names it (Factur-X 1.0, profile EN 16931). */
const FACTUR_X = {
  fileName: 'factur-x.xml',
  version: '1.0',
  conformanceLevel: 'EN 16931',
} as const;

/** The properties of the fx namespace, as the PDF/A extension schema must declare them. */
const FACTUR_X_PROPERTIES = {
  DocumentFileName: 'The name of the embedded XML document',
  DocumentType: 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER',
  Version: 'The actual version of the standard applying to the embedded XML document',
  ConformanceLevel: 'The conformance level of the embedded XML document',
} as const;

/** The same for every document, so written once. */
const FACTUR_X_XMP = `<rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
  <fx:DocumentType>INVOICE</fx:DocumentType>
  <fx:DocumentFileName>${FACTUR_X.fileName}</fx:DocumentFileName>
  <fx:Version>${FACTUR_X.version}</fx:Version>
  <fx:ConformanceLevel>${FACTUR_X.conformanceLevel}</fx:ConformanceLevel>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas>
    <rdf:Bag>
      <rdf:li rdf:parseType="Resource">
        <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
        <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
        <pdfaSchema:prefix>fx</pdfaSchema:prefix>
        <pdfaSchema:property>
          <rdf:Seq>
${Object.entries(FACTUR_X_PROPERTIES)
  .map(
    ([name, description]) => `            <rdf:li rdf:parseType="Resource">
              <pdfaProperty:name>${name}</pdfaProperty:name>
              <pdfaProperty:valueType>Text</pdfaProperty:valueType>
              <pdfaProperty:category>external</pdfaProperty:category>
              <pdfaProperty:description>${description}</pdfaProperty:description>
            </rdf:li>`,
  )
  .join('\n')}
          </rdf:Seq>
        </pdfaSchema:property>
      </rdf:li>
    </rdf:Bag>
  </pdfaExtension:schemas>
</rdf:Description>`;

/** pdfkit's document as far as this step uses it (its info XMP writer is replaced, see below). */
interface PdfKitDocument {
  info: PDFKit.DocumentInfo;
  file(
    src: Buffer,
    options: {
      name: string;
      type: string;
      description: string;
      relationship: string;
      creationDate: Date;
      modifiedDate: Date;
    },
  ): unknown;
  appendXML(xml: string, newline?: boolean): void;
}

/**
 * Makes the document being written a Factur-X PDF/A-3 with `xml` inside. Call it after the pages are laid out
 * and before the document ends (pdfkit writes the XMP at its end). The document must have been opened with
 * subset PDF/A-3b and PDF version 1.7.
 */
export function embedFacturX(pdf: PdfKitDocument, xml: string, attachedAt: Date): void {
  pdf.file(Buffer.from(xml, 'utf8'), {
    name: FACTUR_X.fileName,
    type: 'text/xml',
    description: 'Factur-X invoice (EN 16931)',
    relationship: 'Alternative',
    creationDate: attachedAt,
    modifiedDate: attachedAt,
  });
  // pdfkit copies title, author, subject and producer into the XMP unescaped, so a seller named
  // "Müller & Söhne" would break the XML; the same fields are written here escaped, and PDF/A's rule that
  // the XMP repeat the document information dictionary holds either way.
  (pdf as unknown as { _addInfo(): void })._addInfo = () => pdf.appendXML(infoXmp(pdf.info));
  pdf.appendXML(FACTUR_X_XMP);
}

function infoXmp(info: PDFKit.DocumentInfo): string {
  const parts = [
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    info.CreationDate ? `  <xmp:CreateDate>${xmpDate(info.CreationDate)}</xmp:CreateDate>` : '',
    info.Creator ? `  <xmp:CreatorTool>${escapeXml(info.Creator)}</xmp:CreatorTool>` : '',
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '  <dc:format>application/pdf</dc:format>',
    info.Title
      ? `  <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(info.Title)}</rdf:li></rdf:Alt></dc:title>`
      : '',
    info.Author
      ? `  <dc:creator><rdf:Seq><rdf:li>${escapeXml(info.Author)}</rdf:li></rdf:Seq></dc:creator>`
      : '',
    info.Subject
      ? `  <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(info.Subject)}</rdf:li></rdf:Alt></dc:description>`
      : '',
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    info.Producer ? `  <pdf:Producer>${escapeXml(info.Producer)}</pdf:Producer>` : '',
    info.Keywords ? `  <pdf:Keywords>${escapeXml(info.Keywords)}</pdf:Keywords>` : '',
    '</rdf:Description>',
  ];
  return parts.filter((part) => part !== '').join('\n');
}

/** XMP dates as pdfkit writes CreationDate into the info dictionary: UTC, to the second. */
function xmpDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => XML_ESCAPES[char] ?? char);
}

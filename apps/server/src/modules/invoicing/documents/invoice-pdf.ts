import type { InvoiceDocument, InvoiceLine } from '@vmsp/domain';
import type { Content, TableCell } from 'pdfmake';
import pdfmake from 'pdfmake';
import {
  daysBetween,
  formatCount,
  formatDate,
  formatMoney,
  formatPercent,
  lastDayOfMonth,
} from './document-format.ts';
import { embedFacturX } from './factur-x-pdf.ts';
import { INVOICE_PDF_TEXTS, type InvoicePdfTexts } from './invoice-pdf-texts.ts';
import { invoiceFonts } from './pdf-fonts.ts';

/**
 * The invoice as people read it: an A4 PDF laid out by pdfmake, in the invoice's language. Its font is Roboto,
 * shipped inside the pdfmake package and embedded (as a subset) in every PDF, which PDF/A requires (see
 * pdf-fonts.ts); no font, image or file is fetched from anywhere else.
 * It is written as a PDF/A-3b with the invoice's CII XML embedded as factur-x.xml (factur-x-pdf.ts), in one pass.
 */

// pdfmake reads fonts from its virtual file system (at run time a property of the module, not in its typings),
// so no document touches the disk; any other local file and every URL is refused.
const { virtualfs } = pdfmake as unknown as {
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
};
const fonts = invoiceFonts();
for (const [name, content] of fonts.files) virtualfs.writeFileSync(name, content);
pdfmake.setFonts({ Roboto: fonts.family });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => false);

type TDocumentDefinitions = Parameters<typeof pdfmake.createPdf>[0];

const GREY = '#555555';
const RULE = '#bbbbbb';

/** The invoice PDF for people, a Factur-X PDF/A-3 with `xml` (the document's CII XML) embedded. */
export async function renderInvoicePdf(
  doc: InvoiceDocument,
  logoDataUrl: string | null,
  xml: string,
): Promise<Uint8Array> {
  const pdf = await pdfmake.createPdf(invoicePdfDefinition(doc, logoDataUrl)).getStream();
  embedFacturX(pdf, xml, pdf.info.CreationDate ?? new Date());
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', resolve);
    pdf.on('error', reject);
    pdf.end();
  });
  // A memory of its own (not Node's shared buffer pool), so the rendering worker can transfer it.
  const bytes = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export function invoicePdfDefinition(doc: InvoiceDocument, logoDataUrl: string | null): TDocumentDefinitions {
  const t = INVOICE_PDF_TEXTS[doc.language];
  const money = (minor: number) => formatMoney(minor, doc.currency, doc.language);
  const date = (day: string) => formatDate(day, doc.language);
  const title = `${t.title[doc.typeCode]} ${doc.number}`;
  return {
    pageSize: 'A4',
    pageMargins: [50, 45, 50, 80],
    // Factur-X is a PDF/A-3 (conformance B), which builds on PDF 1.7.
    version: '1.7',
    subset: 'PDF/A-3b',
    info: { title, author: doc.seller.name, subject: title, creator: doc.seller.name },
    language: doc.language,
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 20, 0, 12] },
      small: { fontSize: 7.5, color: GREY },
      head: { bold: true, fillColor: '#eeeeee' },
    },
    ...(logoDataUrl ? { images: { logo: logoDataUrl } } : {}),
    content: [
      header(doc, logoDataUrl !== null),
      addressAndFacts(doc, t, date),
      { text: title, style: 'title' },
      ...(doc.precedingInvoice
        ? [
            {
              text: t.correctsInvoice(doc.precedingInvoice.number, date(doc.precedingInvoice.issueDate)),
              margin: [0, -6, 0, 10],
            } satisfies Content,
          ]
        : []),
      linesTable(doc, t, money, date),
      totalsTable(doc, t, money),
      ...doc.notes.map((note): Content => ({ text: note, margin: [0, 8, 0, 0] })),
      payment(doc, t, money, date),
    ],
    footer: (page, pages) => footer(doc, t, page, pages),
  };
}

function header(doc: InvoiceDocument, withLogo: boolean): Content {
  const { seller } = doc;
  return {
    columns: [
      withLogo ? { image: 'logo', fit: [160, 60] } : { text: seller.name, fontSize: 14, bold: true },
      {
        width: 'auto',
        alignment: 'right',
        style: 'small',
        text: [seller.name, seller.street, `${seller.postalCode} ${seller.city}`, seller.email, seller.phone]
          .filter((part) => part !== '')
          .join('\n'),
      },
    ],
  };
}

function addressAndFacts(doc: InvoiceDocument, t: InvoicePdfTexts, date: (day: string) => string): Content {
  const { buyer, seller } = doc;
  const foreign = buyer.country !== seller.country;
  const country = foreign ? (countryName(buyer.country, doc.language) ?? buyer.country) : null;
  const address = [buyer.name, buyer.contactName, buyer.street, `${buyer.postalCode} ${buyer.city}`, country]
    .filter((part): part is string => part !== null && part !== '')
    .join('\n');
  const facts: [string, string][] = [
    [t.number, doc.number],
    [t.issueDate, date(doc.issueDate)],
    [t.dueDate, date(doc.dueDate)],
    [t.customerNumber, buyer.customerId],
    [t.billingMonth, `${date(`${doc.billingMonth}-01`)} – ${date(lastDayOfMonth(doc.billingMonth))}`],
  ];
  if (buyer.vatId) facts.push([t.buyerVatId, buyer.vatId]);
  return {
    margin: [0, 30, 0, 0],
    columns: [
      {
        width: '*',
        stack: [
          { text: `${seller.name} · ${seller.street} · ${seller.postalCode} ${seller.city}`, style: 'small' },
          { text: address, margin: [0, 6, 0, 0], fontSize: 10 },
        ],
      },
      {
        width: 'auto',
        layout: 'noBorders',
        table: { body: facts.map(([label, value]) => [{ text: label, color: GREY }, value]) },
      },
    ],
  };
}

function linesTable(
  doc: InvoiceDocument,
  t: InvoicePdfTexts,
  money: (minor: number) => string,
  date: (day: string) => string,
): Content {
  const head: TableCell[] = [
    { text: t.position, style: 'head' },
    { text: t.description, style: 'head' },
    { text: t.quantity, style: 'head', alignment: 'right' },
    { text: `${t.unitPrice}\n${t.perIpAndMonth}`, style: 'head', alignment: 'right' },
    { text: t.vatRate, style: 'head', alignment: 'right' },
    { text: t.net, style: 'head', alignment: 'right' },
  ];
  const rows = doc.lines.map((line): TableCell[] => [
    String(line.id),
    {
      stack: [
        { text: line.articleName, bold: true },
        { text: `${t.articleNumber} ${line.articleNumber}`, style: 'small' },
        {
          text: `${t.servicePeriod}: ${date(line.periodFrom)} – ${date(line.periodTo)}${proRataNote(line, t)}`,
        },
      ],
    },
    { text: formatCount(line.quantity, doc.language), alignment: 'right' },
    { text: money(line.unitPriceMinor), alignment: 'right' },
    {
      text: line.vatCategory === 'O' ? '–' : formatPercent(line.vatRateBasisPoints, doc.language),
      alignment: 'right',
    },
    { text: money(line.netMinor), alignment: 'right', noWrap: true },
  ]);
  return {
    layout: {
      hLineWidth: (i, node) => (i === 0 || i === 1 || i === node.table.body.length ? 0.7 : 0.3),
      vLineWidth: () => 0,
      hLineColor: () => RULE,
      paddingTop: () => 4,
      paddingBottom: () => 4,
    },
    table: { headerRows: 1, widths: [22, '*', 45, 65, 35, 70], body: [head, ...rows] },
  };
}

/** The pro-rata factor of a line shorter than its month: "pro rata 15/31 days". Empty for a whole month. */
function proRataNote(line: InvoiceLine, t: InvoicePdfTexts): string {
  const month = line.periodFrom.slice(0, 7);
  const days = daysBetween(line.periodFrom, line.periodTo);
  const daysInMonth = daysBetween(`${month}-01`, lastDayOfMonth(month));
  return line.periodTo.slice(0, 7) === month && days < daysInMonth
    ? ` (${t.proRata(days, daysInMonth)})`
    : '';
}

function totalsTable(doc: InvoiceDocument, t: InvoicePdfTexts, money: (minor: number) => string): Content {
  const rows: TableCell[][] = [[t.netTotal, { text: money(doc.totals.netMinor), alignment: 'right' }]];
  for (const vat of doc.vat) {
    const rate = vat.category === 'O' ? '–' : formatPercent(vat.rateBasisPoints, doc.language);
    const label = t.vatLine(rate, money(vat.taxableMinor));
    rows.push([
      vat.exemptionReason ? { stack: [label, { text: vat.exemptionReason, style: 'small' }] } : label,
      { text: money(vat.vatMinor), alignment: 'right' },
    ]);
  }
  rows.push([
    { text: t.total[doc.typeCode], bold: true },
    { text: money(doc.totals.grossMinor), alignment: 'right', bold: true, noWrap: true },
  ]);
  return {
    margin: [0, 10, 0, 0],
    columns: [
      { width: '*', text: '' },
      {
        width: 250,
        layout: {
          hLineWidth: (i, node) => (i === node.table.body.length - 1 ? 0.7 : 0),
          vLineWidth: () => 0,
          hLineColor: () => RULE,
        },
        table: { widths: ['*', 'auto'], body: rows },
      },
    ],
  };
}

function payment(
  doc: InvoiceDocument,
  t: InvoicePdfTexts,
  money: (minor: number) => string,
  date: (day: string) => string,
): Content {
  const { seller } = doc;
  const total = money(doc.totals.grossMinor);
  const request = doc.typeCode === '380' ? t.transfer(total, date(doc.dueDate)) : t.refund(total);
  const parts: Content[] = [
    { text: [{ text: `${t.paymentTerms}: `, bold: true }, doc.paymentTerms] },
    { text: request, margin: [0, 4, 0, 0] },
  ];
  if (doc.typeCode === '380') {
    const label = (text: string): TableCell => ({ text, color: GREY });
    parts.push({ text: t.bankDetails, bold: true, margin: [0, 6, 0, 0] });
    parts.push({
      layout: 'noBorders',
      table: {
        widths: ['auto', '*', 'auto', '*'],
        body: [
          [label(t.accountHolder), seller.name, label(t.bank), seller.bankName],
          [label(t.iban), seller.iban, label(t.bic), seller.bic],
          [label(t.reference), doc.number, '', ''],
        ],
      },
    });
  }
  return { margin: [0, 14, 0, 0], stack: parts, unbreakable: true };
}

function footer(doc: InvoiceDocument, t: InvoicePdfTexts, page: number, pages: number): Content {
  const { seller } = doc;
  const tax = [
    seller.vatId ? `${t.vatId} ${seller.vatId}` : null,
    seller.taxNumber ? `${t.taxNumber} ${seller.taxNumber}` : null,
  ].filter((part) => part !== null);
  const lines = [
    [seller.name, seller.street, `${seller.postalCode} ${seller.city}`, ...tax].join(' · '),
    [`${t.iban} ${seller.iban}`, `${t.bic} ${seller.bic}`, seller.bankName].join(' · '),
    seller.footer,
  ].filter((line) => line !== '');
  return {
    margin: [50, 20, 50, 0],
    columns: [
      { width: '*', text: lines.join('\n'), style: 'small' },
      { width: 'auto', text: t.page(page, pages), style: 'small', alignment: 'right' },
    ],
  };
}

function countryName(code: string, language: 'en' | 'de'): string | undefined {
  return new Intl.DisplayNames([language], { type: 'region' }).of(code);
}

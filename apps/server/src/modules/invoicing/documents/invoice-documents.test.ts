import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvoiceService } from '@e-invoice-eu/core';
import type { InvoiceDocument } from '@vmsp/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciiInvoiceData } from './cii-invoice-data.ts';
import { formatMoney } from './document-format.ts';
import { validateEInvoices } from './einvoice-validator.ts';
import { renderInvoiceDocuments } from './invoice-documents.ts';
import { SAMPLE_KINDS, type SampleKind, sampleInvoiceDocument } from './sample-documents.ts';

// A 1×1 PNG, as Settings → Company stores a logo.
const LOGO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

interface Rendered {
  doc: InvoiceDocument;
  xml: string;
  pdf: Uint8Array;
  xmlFile: string;
  pdfFile: string;
}

let folder: string;
const rendered = new Map<SampleKind, Rendered>();

function get(kind: SampleKind): Rendered {
  const entry = rendered.get(kind);
  if (!entry) throw new Error(`${kind} was not rendered`);
  return entry;
}

/** A poppler tool's output, with the no-break spaces of amounts ("565,25 €") as plain spaces. */
function tool(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }).replace(
    /\u00a0/g,
    ' ',
  );
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'vmsp-invoice-documents-'));
  for (const [index, kind] of SAMPLE_KINDS.entries()) {
    const doc = sampleInvoiceDocument(kind, 100 + index);
    const { xml, pdf } = await renderInvoiceDocuments(doc, { logoDataUrl: kind === 'german' ? LOGO : null });
    const xmlFile = path.join(folder, `${kind}.xml`);
    const pdfFile = path.join(folder, `${kind}.pdf`);
    await writeFile(xmlFile, xml);
    await writeFile(pdfFile, pdf);
    rendered.set(kind, { doc, xml, pdf, xmlFile, pdfFile });
  }
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('invoice documents', () => {
  it(
    // The XML on its own is byte for byte the one embedded (next test), so the PDFs cover both documents.
    'pass the official EN 16931 rules (the XML embedded in every PDF)',
    async () => {
      const files = [...rendered.values()].map((entry) => entry.pdfFile);
      const run = await validateEInvoices(files);
      expect(run.output).toContain(`${files.length} files, 0 broken rules`);
      expect(run.exitCode).toBe(0);
    },
    20 * 60_000,
  );

  it('embed the same XML as factur-x.xml in a PDF/A-3 whose XMP names Factur-X EN 16931', async () => {
    for (const kind of SAMPLE_KINDS) {
      const { xml, pdfFile } = get(kind);
      expect(tool('pdfdetach', ['-list', pdfFile])).toMatch(/1: factur-x\.xml/);
      const extracted = path.join(folder, `${kind}-embedded.xml`);
      tool('pdfdetach', ['-save', '1', '-o', extracted, pdfFile]);
      expect(await readFile(extracted, 'utf8')).toBe(xml);

      const xmp = tool('pdfinfo', ['-meta', pdfFile]);
      expect(xmp).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
      expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
      expect(xmp).toMatch(/<fx:DocumentFileName>factur-x\.xml<\/fx:DocumentFileName>/);
      expect(xmp).toMatch(/<fx:ConformanceLevel>EN 16931<\/fx:ConformanceLevel>/);
    }
  });

  it('show people the number, the dates, the lines and the total in the invoice language', () => {
    const german = get('german');
    const text = tool('pdftotext', ['-layout', german.pdfFile, '-']);
    expect(text).toContain(`Rechnung ${german.doc.number}`);
    expect(text).toContain(formatMoney(german.doc.totals.grossMinor, 'EUR', 'de').replace(/\u00a0/g, ' '));
    expect(text).toContain('565,25 €');
    expect(text).toContain('Fällig am');
    expect(text).toContain('15.12.2026');
    expect(text).toContain('DE02 1203 0000 0000 2020 51');

    const english = tool('pdftotext', ['-layout', get('eu-reverse-charge').pdfFile, '-']);
    expect(english).toContain(`Invoice ${get('eu-reverse-charge').doc.number}`);
    expect(english).toContain('€230.00');
    expect(english).toContain('Reverse charge');
    expect(english).toContain('NL123456789B01');

    const credit = tool('pdftotext', ['-layout', get('credit-note').pdfFile, '-']);
    expect(credit).toContain(`Rechnungskorrektur ${get('credit-note').doc.number}`);
    expect(credit).toContain('Korrigiert die Rechnung RE-2026-000042 vom 01.12.2026');
  });

  it('embed every font the PDF uses (PDF/A)', () => {
    for (const kind of SAMPLE_KINDS) {
      const fonts = tool('pdffonts', [get(kind).pdfFile])
        .trim()
        .split('\n')
        .slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(font).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
    }
  });

  it('write the EN 16931 terms each VAT case needs into the XML', () => {
    const german = get('german').xml;
    expect(german).toContain('<ram:ID>urn:cen.eu:en16931:2017</ram:ID>');
    expect(german).toContain('<ram:TypeCode>380</ram:TypeCode>');
    expect(german).toContain('<ram:ID schemeID="VA">DE136695976</ram:ID>');
    expect(german).toContain('<ram:ID schemeID="FC">30/123/45678</ram:ID>');
    expect(german).toContain('<ram:TypeCode>58</ram:TypeCode>');
    expect(german).toContain('<ram:IBANID>DE02120300000000202051</ram:IBANID>');
    expect(german).toContain('<ram:BICID>BYLADEM1001</ram:BICID>');
    expect(german).toContain('<ram:BuyerReference>0f8c2a6e-3d1b-4f7a-9c55-2b7e1d4a9f01</ram:BuyerReference>');
    expect(german).toMatch(/<ram:DueDateDateTime>\s*<udt:DateTimeString format="102">20261215</);
    expect(german).toMatch(
      /<ram:BillingSpecifiedPeriod>\s*<ram:StartDateTime>\s*<udt:DateTimeString format="102">20261101</,
    );
    expect(german).toContain('<ram:RateApplicablePercent>19</ram:RateApplicablePercent>');

    const reverseCharge = get('eu-reverse-charge').xml;
    expect(reverseCharge).toContain('<ram:CategoryCode>AE</ram:CategoryCode>');
    expect(reverseCharge).toContain('<ram:ExemptionReasonCode>VATEX-EU-AE</ram:ExemptionReasonCode>');
    expect(reverseCharge).toContain('<ram:ID schemeID="VA">NL123456789B01</ram:ID>');

    // Not subject to VAT (BR-O-02): no VAT-ID of either party; the seller is named by its registration.
    const outside = get('non-eu').xml;
    expect(outside).toContain('<ram:CategoryCode>O</ram:CategoryCode>');
    expect(outside).toContain('<ram:ExemptionReasonCode>VATEX-EU-O</ram:ExemptionReasonCode>');
    expect(outside).not.toContain('schemeID="VA"');
    expect(outside).not.toContain('CHE-123.456.789');
    expect(outside).not.toContain('<ram:RateApplicablePercent>');
    expect(outside).toMatch(/<ram:SpecifiedLegalOrganization>\s*<ram:ID>DE136695976<\/ram:ID>/);

    const credit = get('credit-note').xml;
    expect(credit).toContain('<ram:TypeCode>381</ram:TypeCode>');
    expect(credit).toMatch(/<ram:InvoiceReferencedDocument>\s*<ram:IssuerAssignedID>RE-2026-000042</);
    expect(credit).not.toContain('<ram:TypeCode>58</ram:TypeCode>');
  });

  it('give the library data its own schema accepts', async () => {
    const service = new InvoiceService({ log: () => {}, warn: () => {}, error: () => {} });
    for (const kind of SAMPLE_KINDS) {
      const xml = await service.generate(ciiInvoiceData(get(kind).doc), { format: 'CII', lang: 'en-GB' });
      expect(typeof xml).toBe('string');
    }
  });
});

describe('the sample documents', () => {
  it('add up: lines to the net, VAT per category half-up, net + VAT to the gross', () => {
    for (const kind of SAMPLE_KINDS) {
      const doc = sampleInvoiceDocument(kind);
      const lineSum = doc.lines.reduce((sum, line) => sum + line.netMinor, 0);
      expect(doc.totals.lineTotalMinor).toBe(lineSum);
      expect(doc.vat.reduce((sum, vat) => sum + vat.taxableMinor, 0)).toBe(lineSum);
      expect(doc.totals.vatMinor).toBe(doc.vat.reduce((sum, vat) => sum + vat.vatMinor, 0));
      expect(doc.totals.grossMinor).toBe(doc.totals.netMinor + doc.totals.vatMinor);
    }
    // 100 IPs at 2.00 for 15 of October's 31 days: 20,000 × 15 / 31 = 9,677.4 → 9,677 cents.
    const upgrade = sampleInvoiceDocument('pro-rata');
    expect(upgrade.lines[0]?.netMinor).toBe(9_677);
    expect(upgrade.totals).toEqual({
      lineTotalMinor: 84_094,
      netMinor: 84_094,
      vatMinor: 15_978,
      grossMinor: 100_072,
    });
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The fonts of the invoice PDF: Roboto, as the pdfmake package ships it (no download), embedded as a subset in
 * every PDF (PDF/A requires embedded fonts).
 *
 * Without its OpenType layout tables. pdfmake opens the font anew for every document, and the text shaper then
 * decodes Roboto's GPOS/GSUB tables anew for every document: 40 % of the time of a whole invoice went there.
 * Invoice text needs neither kerning pairs nor ligatures, so the font is given without GPOS, GSUB and GDEF,
 * and glyphs are placed by their advance widths alone. Glyph outlines, metrics and the character map are
 * untouched; the embedded subset never carried these tables anyway.
 */

const DROPPED_TABLES = new Set(['GPOS', 'GSUB', 'GDEF', 'fpgm', 'prep', 'cvt ']);

/** A TrueType font file without the named tables: the table directory rewritten, every other table copied. */
export function withoutTables(font: Buffer, drop: ReadonlySet<string>): Buffer {
  const tableCount = font.readUInt16BE(4);
  const kept: { record: Buffer; offset: number; length: number }[] = [];
  for (let i = 0; i < tableCount; i++) {
    const at = 12 + 16 * i;
    if (drop.has(font.toString('latin1', at, at + 4))) continue;
    kept.push({
      record: font.subarray(at, at + 16),
      offset: font.readUInt32BE(at + 8),
      length: font.readUInt32BE(at + 12),
    });
  }
  const directoryEnd = 12 + 16 * kept.length;
  const padded = (length: number) => (length + 3) & ~3;
  const out = Buffer.alloc(kept.reduce((size, table) => size + padded(table.length), directoryEnd));
  font.copy(out, 0, 0, 12);
  out.writeUInt16BE(kept.length, 4);
  // searchRange, entrySelector, rangeShift follow the table count (OpenType's binary-search header).
  const power = 2 ** Math.floor(Math.log2(kept.length));
  out.writeUInt16BE(power * 16, 6);
  out.writeUInt16BE(Math.log2(power), 8);
  out.writeUInt16BE(kept.length * 16 - power * 16, 10);
  let offset = directoryEnd;
  kept.forEach((table, i) => {
    const at = 12 + 16 * i;
    table.record.copy(out, at);
    out.writeUInt32BE(offset, at + 8);
    font.copy(out, offset, table.offset, table.offset + table.length);
    offset += padded(table.length);
  });
  return out;
}

const robotoFolder = path.join(
  path.dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')),
  'fonts',
  'Roboto',
);

const STYLES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

/** The four Roboto styles without layout tables, by the file names pdfmake's font table refers to. */
export function invoiceFonts(): { files: Map<string, Buffer>; family: Record<keyof typeof STYLES, string> } {
  const files = new Map<string, Buffer>();
  for (const file of Object.values(STYLES)) {
    files.set(file, withoutTables(readFileSync(path.join(robotoFolder, file)), DROPPED_TABLES));
  }
  return { files, family: { ...STYLES } };
}

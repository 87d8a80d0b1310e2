import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The fonts of the invoice PDF: Roboto, as the pdfmake package ships it (no download), embedded as a subset in
 * every PDF (PDF/A requires embedded fonts).
 *
 * Parsed once per thread. pdfkit parses a font file anew for every document (fontkit.create), which costs a
 * few milliseconds per document in table decoding alone. fontkit lets an application register a font format;
 * the portal registers one whose "files" are short keys naming a font parsed once at start, so pdfmake and
 * pdfkit get the same parsed font for every document. Each document still builds its own subset from it
 * (pdfkit's EmbeddedFont keeps subset, widths and layout cache per document), so documents share nothing
 * they change.
 *
 * Without its OpenType layout tables. With GPOS the text shaper applies kerning pairs to every word, which
 * costs about a third more time per document, more than the ≥ 50 documents a second allow on two cores;
 * invoice text needs neither kerning pairs nor ligatures, so the font is given without GPOS, GSUB and GDEF,
 * and glyphs are placed by their advance widths alone. The hinting tables (fpgm, prep, cvt) go too: pdfkit
 * would copy them into every subset, and PDF viewers do not need them. Glyph outlines, metrics and the
 * character map are untouched.
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

interface ParsedFontFormat {
  probe(buffer: Uint8Array): boolean;
  new (stream: { buffer: Uint8Array }): object;
}

interface Fontkit {
  create(buffer: Uint8Array): object;
  registerFormat(format: ParsedFontFormat): void;
}

// fontkit as pdfkit itself requires it (pdfmake → pdfkit → fontkit), so the format is registered where pdfkit looks.
const pdfkitFile = createRequire(createRequire(import.meta.url).resolve('pdfmake')).resolve('pdfkit');
const fontkit = createRequire(pdfkitFile)('fontkit') as Fontkit;

const KEY_PREFIX = 'vmsp-parsed-font:';
const parsedFonts = new Map<string, object>();

function keyOf(buffer: Uint8Array): string | null {
  if (buffer.byteLength > 100) return null;
  const text = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength).toString('latin1');
  return text.startsWith(KEY_PREFIX) ? text : null;
}

/** A font format whose files are keys of fonts parsed once: "opening" one gives the parsed font itself. */
const ParsedFontKey = class {
  static probe(buffer: Uint8Array): boolean {
    const key = keyOf(buffer);
    return key !== null && parsedFonts.has(key);
  }
  constructor(stream: { buffer: Uint8Array }) {
    const key = keyOf(stream.buffer);
    const font = key === null ? undefined : parsedFonts.get(key);
    if (!font) throw new Error('Not a key of a parsed invoice font');
    // biome-ignore lint/correctness/noConstructorReturn: the format hands out the font parsed once.
    return font;
  }
} satisfies ParsedFontFormat;

interface ParsedFont {
  getGlyph(id: number, codePoints?: number[]): { _decode(): unknown } | null;
}

/**
 * pdfkit's subset of a document copies each glyph it uses, and to find a composite glyph's parts it has the
 * glyph decode its whole outline (fontkit's Glyph._decode), again in every document: about a tenth of a
 * document's time. The parsed font keeps its glyph objects, so each glyph's decoded outline is kept with it;
 * nothing changes a decoded outline (the font has no variations that would transform it).
 */
function withGlyphsDecodedOnce(font: ParsedFont): ParsedFont {
  const getGlyph = font.getGlyph.bind(font);
  const wrapped = new WeakSet<object>();
  font.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph && !wrapped.has(glyph)) {
      wrapped.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let decoded: unknown;
      glyph._decode = () => {
        decoded ??= decode();
        return decoded;
      };
    }
    return glyph;
  };
  return font;
}

/**
 * The four Roboto styles, each parsed once, by the file names pdfmake's font table refers to; the files are the
 * keys that open the parsed fonts (see above), to be written into pdfmake's virtual file system.
 */
export function invoiceFonts(): { files: Map<string, Buffer>; family: Record<keyof typeof STYLES, string> } {
  if (parsedFonts.size === 0) fontkit.registerFormat(ParsedFontKey);
  const files = new Map<string, Buffer>();
  for (const file of Object.values(STYLES)) {
    const key = `${KEY_PREFIX}${file}`;
    if (!parsedFonts.has(key)) {
      const font = withoutTables(readFileSync(path.join(robotoFolder, file)), DROPPED_TABLES);
      parsedFonts.set(key, withGlyphsDecodedOnce(fontkit.create(font) as ParsedFont));
    }
    files.set(file, Buffer.from(key, 'latin1'));
  }
  return { files, family: { ...STYLES } };
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';

// PDFs the platform draws (the mediation agreement, the task ledger): the Chinese font embedded
// from @fontsource/noto-sans-sc (no system fonts), written as real text with a ToUnicode map, so
// it can be searched, copied and extracted (src/platform/pdf-text.ts reads it back in tests).

const require = createRequire(import.meta.url);
const FONT_PACKAGE = '@fontsource/noto-sans-sc';
const MAIN_FONT = 'noto-sans-sc-chinese-simplified-400-normal.woff';

/**
 * Unpacks a WOFF file into the plain OpenType font it wraps. fontkit reads WOFF, but inflates a
 * table again on every access, which made one agreement take half a minute; unpacked once, it
 * takes well under a second.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF file');
  const flavor = woff.readUInt32BE(4);
  const count = woff.readUInt16BE(12);
  const tables = [...Array(count)].map((_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    return { tag: woff.readUInt32BE(at), checksum: woff.readUInt32BE(at + 16), data: compLength < origLength ? inflateSync(raw) : raw };
  });
  const entrySelector = Math.floor(Math.log2(count));
  const searchRange = 2 ** entrySelector * 16;
  const head = Buffer.alloc(12 + 16 * count);
  head.writeUInt32BE(flavor, 0);
  head.writeUInt16BE(count, 4);
  head.writeUInt16BE(searchRange, 6);
  head.writeUInt16BE(entrySelector, 8);
  head.writeUInt16BE(count * 16 - searchRange, 10);
  const parts: Buffer[] = [head];
  let offset = head.length;
  tables.forEach((t, i) => {
    head.writeUInt32BE(t.tag, 12 + i * 16);
    head.writeUInt32BE(t.checksum, 16 + i * 16);
    head.writeUInt32BE(offset, 20 + i * 16);
    head.writeUInt32BE(t.data.length, 24 + i * 16);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

/** Font files are read (and unpacked) once per process; each document embeds only the glyphs it uses. */
const fontFiles = new Map<string, Buffer>();
function fontFile(file: string): Buffer {
  let buf = fontFiles.get(file);
  if (!buf) {
    buf = woffToSfnt(readFileSync(require.resolve(`${FONT_PACKAGE}/files/${file}`)));
    fontFiles.set(file, buf);
  }
  return buf;
}

/**
 * The simplified-Chinese subset covers GB2312-level characters, digits and Latin; a rarer
 * character (in a name, say) lives in one of Fontsource's numbered subsets, which unicode.json
 * lists by Unicode range. Returns the subset's file, or undefined when no subset has it.
 */
let subsetRanges: { file: string; ranges: [number, number][] }[] | undefined;
function fallbackFileFor(cp: number): string | undefined {
  if (!subsetRanges) {
    const table = require(`${FONT_PACKAGE}/unicode.json`) as Record<string, string>;
    subsetRanges = Object.entries(table).map(([key, spec]) => ({
      file: `noto-sans-sc-${key.replace(/^\[(\d+)\]$/, '$1')}-400-normal.woff`,
      ranges: spec.split(',').map((r) => {
        const [a, b] = r.replace(/^U\+/i, '').split('-');
        return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as [number, number];
      }),
    }));
  }
  return subsetRanges.find((s) => s.ranges.some(([a, b]) => cp >= a && cp <= b))?.file;
}

/** pdfkit's current font wraps a fontkit font; only its glyph check is used here. */
type FontProbe = { _font: { font?: { hasGlyphForCodePoint(cp: number): boolean } } };

/**
 * Writes text in runs by font: each character goes to the first embedded font that has a glyph
 * for it (the main subset first, then the numbered subset covering it). Line breaks and spaces
 * stay with the run they are in.
 */
export class Writer {
  private readonly registered = new Set<string>();
  private readonly glyphs = new Map<string, (cp: number) => boolean>();

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.use(MAIN_FONT);
  }

  private use(file: string): void {
    if (!this.registered.has(file)) {
      this.doc.registerFont(file, fontFile(file));
      this.registered.add(file);
    }
    this.doc.font(file);
    if (!this.glyphs.has(file)) {
      const font = (this.doc as unknown as FontProbe)._font.font;
      this.glyphs.set(file, (cp) => font?.hasGlyphForCodePoint(cp) ?? false);
    }
  }

  private fontFor(cp: number): string {
    if (cp < 0x21 || this.glyphs.get(MAIN_FONT)!(cp)) return MAIN_FONT;
    const file = fallbackFileFor(cp);
    if (!file) return MAIN_FONT;
    if (!this.glyphs.has(file)) {
      this.use(file);
      this.doc.font(MAIN_FONT);
    }
    return this.glyphs.get(file)!(cp) ? file : MAIN_FONT;
  }

  runs(text: string): [string, string][] {
    const out: [string, string][] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const file = cp < 0x21 && out.length ? out.at(-1)![0] : this.fontFor(cp);
      if (out.length && out.at(-1)![0] === file) out.at(-1)![1] += ch;
      else out.push([file, ch]);
    }
    return out;
  }

  /** One paragraph (or the start of one, with `continued`), in runs by font. */
  text(text: string, options: PDFKit.Mixins.TextOptions = {}, size = 11): this {
    const runs = this.runs(text || ' ');
    runs.forEach(([file, run], i) => {
      this.use(file);
      this.doc.fontSize(size).text(run, { ...options, continued: i < runs.length - 1 || !!options.continued });
    });
    this.doc.font(MAIN_FONT);
    return this;
  }
}

/**
 * A new PDFKit document. pdfkit takes ~0.3 s to load, so it is required on the first PDF a
 * process draws rather than at start.
 */
export function createPdf(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  const PDFDocument = require('pdfkit') as typeof import('pdfkit');
  return new PDFDocument(options);
}

/** Collects a pdfkit document's output; call before drawing, resolve after `doc.end()`. */
export function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Sends a PDF as a download named `name` (UTF-8 file names, as browsers read them). */
export function sendPdf(reply: FastifyReply, name: string, file: Buffer): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(file);
}

/** A column of a table drawn by `drawTable`. */
export interface PdfColumn {
  title: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/**
 * A ruled table: a bold header row, then one row per entry, each cell on one line (cut with an
 * ellipsis when too long). A row that does not fit starts a new page, which repeats the header.
 */
export function drawTable(w: Writer, columns: readonly PdfColumn[], rows: readonly string[][], opts: { rowHeight?: number; size?: number } = {}): void {
  const doc = w.doc;
  const left = doc.page.margins.left;
  const rowHeight = opts.rowHeight ?? 20;
  const size = opts.size ?? 9.5;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const row = (cells: readonly string[], header: boolean) => {
    const y = doc.y;
    let x = left;
    if (header)
      doc
        .save()
        .rect(
          left,
          y,
          columns.reduce((s, c) => s + c.width, 0),
          rowHeight,
        )
        .fill('#f2f2f2')
        .restore();
    columns.forEach((c, i) => {
      doc.rect(x, y, c.width, rowHeight).lineWidth(0.5).strokeColor('#7f7f7f').stroke();
      doc.x = x + 4;
      doc.y = y + (rowHeight - size) / 2 - 1;
      w.text(cells[i] ?? '', { width: c.width - 8, align: header ? 'center' : (c.align ?? 'left'), lineBreak: false, ellipsis: true }, size);
      x += c.width;
    });
    doc.x = left;
    doc.y = y + rowHeight;
  };
  const header = columns.map((c) => c.title);
  if (doc.y + rowHeight * 2 > bottom()) doc.addPage();
  row(header, true);
  for (const r of rows) {
    if (doc.y + rowHeight > bottom()) {
      doc.addPage();
      row(header, true);
    }
    row(r, false);
  }
}

/**
 * "第 n 页 共 m 页" at the foot of every page, once the whole document is laid out (needs
 * `bufferPages: true`); written into the bottom margin, lifted for the purpose so pdfkit does not
 * start another page.
 */
export function numberPages(w: Writer, color = '#595959'): void {
  const doc = w.doc;
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.x = left;
    doc.y = doc.page.height - 36;
    doc.fillColor(color);
    w.text(`第 ${i + 1} 页\u3000共 ${pages.count} 页`, { width, align: 'center', lineBreak: false }, 9);
    doc.fillColor('black');
    doc.page.margins.bottom = margin;
  }
}

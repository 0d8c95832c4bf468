import { inflateSync } from 'node:zlib';

// Reads the text back out of a PDF that pdfkit wrote, for tests (unit and browser). Not imported
// by the server. pdfkit writes each text fragment as `BT … x y Tm /Fn size Tf [<glyph ids>] TJ ET`
// with the glyph ids of an embedded font subset, and gives every font a ToUnicode CMap; so the
// text is recovered by inflating the streams, mapping each font resource name to its CMap, and
// decoding the hex glyph strings. No poppler, no pdf.js: it runs anywhere Node does.

interface PdfObject {
  dict: string;
  stream?: string;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const raw = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const body = m[2]!;
    const at = body.search(/stream\r?\n/);
    if (at < 0) {
      out.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    const start = at + (body[at + 6] === '\r' ? 8 : 7);
    const data = Buffer.from(body.slice(start, body.lastIndexOf('endstream')).replace(/\r?\n$/, ''), 'latin1');
    const stream = /\/FlateDecode/.test(dict) ? inflateSync(data).toString('latin1') : data.toString('latin1');
    out.set(Number(m[1]), { dict, stream });
  }
  return out;
}

const hexUnits = (hex: string) => hex.match(/[0-9a-fA-F]{4}/g)?.map((h) => parseInt(h, 16)) ?? [];

/** Glyph id → text, from a ToUnicode CMap's bfchar and bfrange entries. */
function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const text = (hex: string) => String.fromCharCode(...hexUnits(hex));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(src!, 16), text(dst!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, a, b, list, base] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:\[([^\]]*)\]|<([0-9a-fA-F]+)>)/g)) {
      const lo = parseInt(a!, 16);
      const hi = parseInt(b!, 16);
      if (list !== undefined) [...list.matchAll(/<([0-9a-fA-F]*)>/g)].forEach((d, i) => map.set(lo + i, text(d[1]!)));
      else for (let g = lo, u = hexUnits(base!); g <= hi; g++) map.set(g, String.fromCharCode(...u.slice(0, -1), u.at(-1)! + g - lo));
    }
  }
  return map;
}

/**
 * The text of a PDF written by pdfkit with embedded fonts, a line per baseline (fragments on the
 * same baseline are joined). Text in a standard (non-embedded) font is skipped.
 */
export function extractPdfText(pdf: Buffer): string {
  const objects = readObjects(pdf);
  const cmapOfFont = new Map<number, Map<number, string>>();
  for (const [id, o] of objects) {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(o.dict);
    const cmap = ref && objects.get(Number(ref[1]))?.stream;
    if (cmap) cmapOfFont.set(id, parseCMap(cmap));
  }
  const fontByName = new Map<string, Map<number, string>>();
  for (const o of objects.values()) {
    for (const res of o.dict.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
      for (const [, name, id] of res[1]!.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) {
        const cmap = cmapOfFont.get(Number(id));
        if (cmap) fontByName.set(name!, cmap);
      }
    }
  }

  const lines: string[] = [];
  for (const o of objects.values()) {
    if (!o.stream || !/\bBT\b/.test(o.stream)) continue;
    let font: Map<number, string> | undefined;
    let lastY: number | undefined;
    let line = '';
    const ops = /(-?[\d.]+) (-?[\d.]+) Tm|\/([\w.+-]+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|[^\]])*)\] TJ|<([0-9a-fA-F]*)> Tj/g;
    for (let m = ops.exec(o.stream); m; m = ops.exec(o.stream)) {
      if (m[2] !== undefined) {
        const y = Number(m[2]);
        if (lastY !== undefined && Math.abs(y - lastY) > 1 && line) {
          lines.push(line);
          line = '';
        }
        lastY = y;
      } else if (m[3] !== undefined) font = fontByName.get(m[3]);
      else if (font) {
        const hex = m[4] !== undefined ? [...m[4].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]).join('') : m[5]!;
        line += hexUnits(hex)
          .map((g) => font!.get(g) ?? '')
          .join('');
      }
    }
    if (line) lines.push(line);
  }
  return lines.join('\n');
}

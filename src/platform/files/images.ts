import { crc32 } from 'node:zlib';
import { invalidField } from '../errors.js';

/** The image types the store accepts, each parsed to its end before it is kept. */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/**
 * The image checkers below parse each format to its end and keep only what an image needs: a file
 * that starts like an image but carries something else (HTML, script) before, inside or after
 * the picture is refused, and metadata (where, when, which camera) is dropped.
 */
const broken = (field: string, kind: string, what: string) => invalidField(field, `不是完整有效的 ${kind} 图片（${what}）`);

/** APP segments a JPEG keeps: JFIF (APP0), ICC colour profile (APP2 "ICC_PROFILE"), Adobe (APP14). */
function keepJpegSegment(marker: number, segment: Buffer): boolean {
  if (marker === 0xfe) return false; // COM: free text
  if (marker < 0xe0 || marker > 0xef) return true;
  if (marker === 0xe0 || marker === 0xee) return true;
  return marker === 0xe2 && segment.toString('latin1', 4, 16) === 'ICC_PROFILE\0';
}

/** After EOI: padding, or what phones append (an MPF preview JPEG, a motion photo's video); dropped either way. */
function harmlessJpegTrailer(t: Buffer): boolean {
  if (t.every((x) => x === 0x00 || x === 0xff)) return true;
  if (t.length > 3 && t[0] === 0xff && t[1] === 0xd8 && t[2] === 0xff) return true;
  if (t.length > 12 && t.toString('latin1', 4, 8) === 'ftyp') return true;
  return t.toString('latin1', 0, 16) === 'MotionPhoto_Data';
}

/**
 * A JPEG walked marker by marker through every scan to EOI. Kept: the segments an image needs;
 * dropped: EXIF/XMP (APP1), IPTC (APP13), other APPn, comments, and anything after EOI.
 */
function cleanJpeg(b: Buffer, field: string): Buffer {
  const fail = (what: string) => broken(field, 'JPEG', what);
  const parts: Buffer[] = [b.subarray(0, 2)];
  let i = 2;
  let frame = false;
  let scanned = false;
  for (;;) {
    if (i + 1 >= b.length) throw fail('缺少结束标记');
    if (b[i] !== 0xff) throw fail('标记错误');
    while (b[i + 1] === 0xff && i + 2 < b.length) i++; // fill bytes
    const marker = b[i + 1]!;
    const start = i;
    i += 2;
    if (marker === 0xd9) break; // EOI
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // markers without a length
    if (marker === 0xd8 || marker === 0x00) throw fail('标记错误');
    if (i + 2 > b.length) throw fail('数据不完整');
    const len = b.readUInt16BE(i);
    const end = i + len;
    if (len < 2 || end > b.length) throw fail('数据不完整');
    const segment = b.subarray(start, end);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) frame = true;
    if (keepJpegSegment(marker, segment)) parts.push(segment);
    i = end;
    if (marker === 0xda) {
      if (!frame) throw fail('扫描数据前缺少帧头');
      // Entropy-coded data: 0xFF only as FF00 (a stuffed byte) or a restart marker.
      const from = i;
      for (;;) {
        i = b.indexOf(0xff, i);
        if (i < 0 || i + 1 >= b.length) throw fail('缺少结束标记');
        const next = b[i + 1]!;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2;
        else break;
      }
      parts.push(b.subarray(from, i));
      scanned = true;
    }
  }
  if (!scanned) throw fail('没有图像数据');
  parts.push(b.subarray(i - 2, i));
  if (i < b.length && !harmlessJpegTrailer(b.subarray(i))) throw fail('结束标记之后有多余数据');
  return Buffer.concat(parts);
}

/** Ancillary PNG chunks kept (colour, transparency, density, animation); text, eXIf, tIME and unknown ones are dropped. */
const PNG_KEEP = new Set(['tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'bKGD', 'pHYs', 'cICP', 'mDCV', 'cLLI', 'acTL', 'fcTL', 'fdAT']);
const PNG_CRITICAL = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);

/** A PNG walked chunk by chunk, every CRC checked, from IHDR to IEND with nothing after it. */
function cleanPng(b: Buffer, field: string): Buffer {
  const fail = (what: string) => broken(field, 'PNG', what);
  const parts: Buffer[] = [b.subarray(0, 8)];
  let i = 8;
  let data = false;
  for (let n = 0; ; n++) {
    if (i + 12 > b.length) throw fail('缺少结束块 IEND');
    const len = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    const end = i + 12 + len;
    if (!/^[A-Za-z]{4}$/.test(type) || len > 0x7fffffff || end > b.length) throw fail('数据块不完整');
    if (crc32(b.subarray(i + 4, i + 8 + len)) !== b.readUInt32BE(i + 8 + len)) throw fail(`${type} 块校验和错误`);
    if (n === 0 && (type !== 'IHDR' || len !== 13)) throw fail('缺少文件头 IHDR');
    if (type === 'IDAT') data = true;
    const critical = type.charCodeAt(0) < 0x61;
    if (critical && !PNG_CRITICAL.has(type)) throw fail(`未知的关键块 ${type}`);
    if (critical || PNG_KEEP.has(type)) parts.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  if (!data) throw fail('没有图像数据');
  if (i !== b.length) throw fail('结束块 IEND 之后有多余数据');
  return Buffer.concat(parts);
}

const WEBP_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);

/** A WebP whose RIFF size is the file's and whose chunks end exactly there; EXIF, XMP and unknown chunks dropped (VP8X flags cleared). */
function cleanWebp(b: Buffer, field: string): Buffer {
  const fail = (what: string) => broken(field, 'WebP', what);
  if (b.readUInt32LE(4) + 8 !== b.length) throw fail('文件长度与 RIFF 头不符');
  const parts: Buffer[] = [];
  let i = 12;
  let image = false;
  while (i < b.length) {
    if (i + 8 > b.length) throw fail('数据块不完整');
    const type = b.toString('latin1', i, i + 4);
    const len = b.readUInt32LE(i + 4);
    const end = i + 8 + len + (len % 2);
    if (end > b.length) throw fail('数据块不完整');
    if (i === 12 && type !== 'VP8 ' && type !== 'VP8L' && type !== 'VP8X') throw fail('缺少图像头');
    if (type === 'VP8 ' || type === 'VP8L' || type === 'ANMF') image = true;
    if (WEBP_CHUNKS.has(type)) {
      const chunk = Buffer.from(b.subarray(i, end));
      if (type === 'VP8X') chunk[8] = chunk[8]! & ~0x0c;
      parts.push(chunk);
    }
    i = end;
  }
  if (!image) throw fail('没有图像数据');
  const body = Buffer.concat(parts);
  const header = Buffer.from(b.subarray(0, 12));
  header.writeUInt32LE(body.length + 4, 4);
  return Buffer.concat([header, body]);
}

/**
 * A JPEG, PNG or WebP parsed to its end and cleaned: a file that starts like an image but carries
 * anything else is refused naming `field`; metadata (EXIF/XMP, text chunks, comments) is dropped.
 * The type comes from the content (sniffed by the caller), never from a name or a declared type.
 */
export function cleanImage(data: Buffer, type: ImageType, field: string): Buffer {
  if (type === 'image/jpeg') return cleanJpeg(data, field);
  if (type === 'image/png') return cleanPng(data, field);
  return cleanWebp(data, field);
}

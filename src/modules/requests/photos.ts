import { createHash } from 'node:crypto';
import exifr from 'exifr';
import { invalidField } from '../../platform/errors.js';

export const MAX_PHOTOS = 6;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export interface Photo {
  contentType: 'image/jpeg' | 'image/png' | 'image/webp';
  data: Buffer;
  sha256: string;
  exifLat: number | null;
  exifLng: number | null;
}

/** The image type from its first bytes; the declared type or file name is not trusted. */
function sniff(b: Buffer): Photo['contentType'] | undefined {
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length > 12 && b.toString('ascii', 0, 4) === 'RIFF' && b.toString('ascii', 8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

/** JPEG without APP1 (EXIF, XMP) and APP13 (IPTC): where and when, and the camera, stay private. */
function stripJpeg(b: Buffer): Buffer {
  const parts: Buffer[] = [b.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff) {
    const marker = b[i + 1]!;
    if (marker === 0xda) break; // start of scan: the rest is image data
    const len = b.readUInt16BE(i + 2);
    if (marker !== 0xe1 && marker !== 0xed) parts.push(b.subarray(i, i + 2 + len));
    i += 2 + len;
  }
  parts.push(b.subarray(i));
  return Buffer.concat(parts);
}

/** PNG without its text and eXIf chunks. */
function stripPng(b: Buffer): Buffer {
  const drop = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt']);
  const parts: Buffer[] = [b.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= b.length) {
    const len = b.readUInt32BE(i);
    const type = b.toString('ascii', i + 4, i + 8);
    const end = i + 12 + len;
    if (!drop.has(type)) parts.push(b.subarray(i, end));
    i = end;
  }
  return Buffer.concat(parts);
}

/** WebP without its EXIF and XMP chunks (flags in VP8X cleared, RIFF size fixed). */
function stripWebp(b: Buffer): Buffer {
  const parts: Buffer[] = [];
  let i = 12;
  while (i + 8 <= b.length) {
    const type = b.toString('ascii', i, i + 4);
    const len = b.readUInt32LE(i + 4);
    const end = i + 8 + len + (len % 2);
    if (type !== 'EXIF' && type !== 'XMP ') {
      const chunk = Buffer.from(b.subarray(i, end));
      if (type === 'VP8X') chunk[8] = chunk[8]! & ~0x0c;
      parts.push(chunk);
    }
    i = end;
  }
  const body = Buffer.concat(parts);
  const header = Buffer.from(b.subarray(0, 12));
  header.writeUInt32LE(body.length + 4, 4);
  return Buffer.concat([header, body]);
}

function decode(data: string, field: string): Buffer {
  const m = /^data:([\w/+.-]+);base64,(.*)$/s.exec(data);
  const b64 = (m ? m[2]! : data).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw invalidField(field, '不是有效的 base64 图片数据');
  return Buffer.from(b64, 'base64');
}

/**
 * Checks and cleans submitted photos: at most six, each a real JPEG/PNG/WebP of at most 5 MB.
 * The GPS position in EXIF is read (it can place a report whose sender gave no location) and
 * then every EXIF/XMP block is removed before storage.
 */
export async function preparePhotos(inputs: { data: string }[]): Promise<Photo[]> {
  if (inputs.length > MAX_PHOTOS) throw invalidField('photos', `最多上传 ${MAX_PHOTOS} 张照片`);
  const out: Photo[] = [];
  for (const [i, input] of inputs.entries()) {
    const field = `photos[${i}]`;
    const raw = decode(input.data, field);
    if (raw.length > MAX_PHOTO_BYTES) throw invalidField(field, '照片不能超过 5 MB');
    const contentType = sniff(raw);
    if (!contentType) throw invalidField(field, '只接受 JPEG、PNG 或 WebP 图片');
    let exifLat: number | null = null;
    let exifLng: number | null = null;
    try {
      const gps = (await exifr.gps(raw)) as { latitude?: number; longitude?: number } | undefined;
      if (gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude)) {
        exifLat = gps.latitude!;
        exifLng = gps.longitude!;
      }
    } catch {
      // A photo without readable EXIF is still a photo.
    }
    const data = contentType === 'image/jpeg' ? stripJpeg(raw) : contentType === 'image/png' ? stripPng(raw) : stripWebp(raw);
    out.push({ contentType, data, sha256: createHash('sha256').update(data).digest('hex'), exifLat, exifLng });
  }
  return out;
}

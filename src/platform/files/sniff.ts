import { fileTypeFromBuffer } from 'file-type';
import { invalidField } from '../errors.js';
import { cleanImage, type ImageType } from './images.js';
import type { FileKind } from './owners.js';

/** A type the store knows, with its kind, served Content-Type and file extension. */
interface KnownType {
  kind: FileKind;
  contentType: string;
  ext: string;
  name: string;
}

const KNOWN: Record<string, KnownType> = {
  'image/jpeg': { kind: 'image', contentType: 'image/jpeg', ext: 'jpg', name: 'JPEG' },
  'image/png': { kind: 'image', contentType: 'image/png', ext: 'png', name: 'PNG' },
  // An animated PNG is a PNG (its animation chunks are kept by the PNG checker).
  'image/apng': { kind: 'image', contentType: 'image/png', ext: 'png', name: 'PNG' },
  'image/webp': { kind: 'image', contentType: 'image/webp', ext: 'webp', name: 'WebP' },
  'application/pdf': { kind: 'pdf', contentType: 'application/pdf', ext: 'pdf', name: 'PDF' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    kind: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
    name: 'Word（.docx）',
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    kind: 'xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: 'xlsx',
    name: 'Excel（.xlsx）',
  },
};

const KIND_NAMES: Record<FileKind, string> = { image: 'JPEG、PNG 或 WebP 图片', pdf: 'PDF', docx: 'Word（.docx）', xlsx: 'Excel（.xlsx）' };

/** "JPEG、PNG 或 WebP 图片" / "JPEG、PNG 或 WebP 图片、PDF 或 Word（.docx）": what a usage accepts, for messages. */
export function acceptedNames(accept: readonly FileKind[]): string {
  const names = accept.map((k) => KIND_NAMES[k]);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join('、')} 或 ${names.at(-1)}`;
}

export interface Sniffed {
  kind: FileKind;
  contentType: string;
  ext: string;
  /** The bytes to keep: an image cleaned of metadata, anything else as given. */
  data: Buffer;
}

/** A PDF from its header to its last %%EOF (trailing blanks allowed): a cut-off upload is refused. */
function checkPdf(data: Buffer, field: string): void {
  if (!/^%PDF-[12]\.\d/.test(data.toString('latin1', 0, 8))) throw invalidField(field, '不是有效的 PDF 文件（缺少文件头）');
  const tail = data.toString('latin1', Math.max(0, data.length - 1024)).replace(/[\s\0]+$/, '');
  if (!tail.endsWith('%%EOF')) throw invalidField(field, '不是完整的 PDF 文件（缺少结束标记 %%EOF）');
}

/**
 * The type of a file decided by its bytes alone (the name and the declared type are not asked),
 * checked against what the usage accepts; images are parsed to their end and cleaned, PDFs must
 * be whole. Anything else is refused naming `field` and saying what the content turned out to be.
 */
export async function sniffFile(data: Buffer, accept: readonly FileKind[], field: string, label: string): Promise<Sniffed> {
  const found = await fileTypeFromBuffer(data);
  const known = found ? KNOWN[found.mime] : undefined;
  if (!known || !accept.includes(known.kind)) {
    const what = found ? `文件内容是 ${found.ext.toUpperCase()}` : '无法识别文件内容';
    throw invalidField(field, `${label}只接受 ${acceptedNames(accept)}（${what}；按内容识别，与文件名无关）`);
  }
  if (known.kind === 'image') return { ...known, data: cleanImage(data, known.contentType as ImageType, field) };
  if (known.kind === 'pdf') checkPdf(data, field);
  return { ...known, data };
}

/** The name a file is kept and served under: no folders, no control characters, and the extension its content has. */
export function safeFilename(given: string | undefined, fallbackStem: string, ext: string): string {
  const base = (given ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/["<>|:*?]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  const stem = (clean.includes('.') ? clean.slice(0, clean.lastIndexOf('.')) : clean).slice(0, 120).trim() || fallbackStem;
  return `${stem}.${ext}`;
}

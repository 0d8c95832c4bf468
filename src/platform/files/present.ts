import { toOffsetIso } from '../time.js';
import type { FileMeta } from './schema.js';
import type { FileRow } from './store.js';

/** What leaves the server about a file (meta such as a photo's GPS position stays inside). */
export function presentFile(r: FileRow): FileMeta {
  return {
    id: r.id,
    ownerKind: r.owner_kind,
    ownerId: r.owner_id,
    usage: r.usage,
    seq: r.seq,
    filename: r.filename,
    contentType: r.content_type,
    bytes: Number(r.bytes),
    sha256: r.sha256,
    createdAt: toOffsetIso(r.created_at),
    createdBy: r.created_by,
    retentionUntil: r.retention_until ? toOffsetIso(r.retention_until) : null,
    legalHold: r.legal_hold,
  };
}

/** Images are shown in the page; everything else is only ever downloaded. */
const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** RFC 5987 value: UTF-8, percent-encoded, with the characters encodeURIComponent leaves alone that the grammar does not allow. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Content-Disposition for a stored file: `inline` for images, `attachment` for everything else;
 * a plain ASCII `filename` always, and `filename*` (RFC 5987/6266) when the name has other characters.
 */
export function contentDisposition(contentType: string, filename: string): string {
  const disposition = INLINE_TYPES.has(contentType) ? 'inline' : 'attachment';
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  if (ascii === filename) return `${disposition}; filename="${filename}"`;
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${rfc5987(filename)}`;
}

/**
 * The headers every file download carries: the exact type found by content, never to be sniffed
 * again by the browser, the disposition, and a private cache (the digest is a strong ETag).
 */
export function fileHeaders(file: { contentType: string; filename: string; sha256: string }): Record<string, string> {
  return {
    'content-type': file.contentType,
    'x-content-type-options': 'nosniff',
    'content-disposition': contentDisposition(file.contentType, file.filename),
    'cache-control': 'private, max-age=3600',
    etag: `"${file.sha256}"`,
  };
}

import exifr from 'exifr';
import type { Config } from '../../platform/config.js';
import { notFound } from '../../platform/errors.js';
import { decodeBase64, defineFileOwner, prepareFiles, type PreparedFile } from '../../platform/files/index.js';
import { isWhistledTo } from './detail-store.js';
import { authorize, seesOrder } from './policy.js';
import { getOrderRow } from './store.js';

export const MAX_PHOTOS = 6;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_HANDLING_PHOTOS = 60;
/** The usages of a work order's files that are photos, served on /work-orders/:id/photos/:photoId. */
export const PHOTO_USAGES: readonly string[] = ['photo', 'handling'];

/**
 * A work order's files in the platform file store: its photos, JPEG/PNG/WebP of at most 5 MB
 * (GONGZHI_FILE_LIMITS `work_order.photo=…`), six at most, and the photos the unit took while
 * handling it (`handling`: with a progress note or the resolution). Readable by whoever sees the order:
 * the rule of app_sees_order(), which the policy files_work_order (0023_files.sql) applies too.
 */
export const WORK_ORDER_FILES = defineFileOwner({
  kind: 'work_order',
  label: '工单',
  usages: {
    photo: { label: '照片', unit: '张', accept: ['image'], maxBytes: MAX_PHOTO_BYTES, maxCount: MAX_PHOTOS },
    // Taken by the unit with a progress note or the resolution (办理照片): six per action, 60 per order.
    handling: { label: '办理照片', unit: '张', accept: ['image'], maxBytes: MAX_PHOTO_BYTES, maxCount: MAX_HANDLING_PHOTOS },
  },
  assertReadable: async (tx, actor, orderId) => {
    authorize(actor, 'requests.read');
    const row = await getOrderRow(tx, orderId);
    const whistled = row && actor.role === 'department_staff' ? await isWhistledTo(tx, orderId, actor.departmentId) : false;
    if (!row || !seesOrder(actor, row, whistled)) throw notFound('工单', orderId);
  },
});

/** A checked photo, ready for the file store, with the GPS position its EXIF carried. */
export interface Photo extends PreparedFile {
  exifLat: number | null;
  exifLng: number | null;
}

/** The GPS position in a photo's EXIF, read before the file store drops the EXIF. */
async function gpsOf(raw: Buffer): Promise<{ exifLat: number | null; exifLng: number | null }> {
  try {
    const gps = (await exifr.gps(raw)) as { latitude?: number; longitude?: number } | undefined;
    if (gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude)) return { exifLat: gps.latitude!, exifLng: gps.longitude! };
  } catch {
    // A photo without readable EXIF is still a photo.
  }
  return { exifLat: null, exifLng: null };
}

/** The file name a stored photo is served under on the work-order route. */
export function photoFilename(id: string, contentType: string): string {
  const ext = contentType === 'image/jpeg' ? 'jpg' : contentType === 'image/png' ? 'png' : 'webp';
  return `${id}.${ext}`;
}

/**
 * Checks submitted photos through the file store: at most six, each a real JPEG/PNG/WebP within
 * the limit, decided by its bytes and parsed to its end (anything else is refused naming
 * `photos[i]`). The GPS position in EXIF is read first (it can place a report whose sender gave no
 * location); the store then drops every EXIF/XMP block. Nothing is written here.
 */
export async function preparePhotos(inputs: { data: string; filename?: string }[], config: Pick<Config, 'fileLimits'> = { fileLimits: {} }): Promise<Photo[]> {
  const raws = inputs.map((input, i) => decodeBase64(input.data, `photos[${i}]`));
  const gps = await Promise.all(raws.map(gpsOf));
  const prepared = await prepareFiles(
    { config },
    { owner: WORK_ORDER_FILES, usage: 'photo', field: 'photos' },
    raws.map((data, i) => ({ data, filename: inputs[i]!.filename, meta: gps[i]!.exifLat === null ? {} : { ...gps[i]! } })),
  );
  return prepared.map((p, i) => ({ ...p, ...gps[i]! }));
}

/**
 * Checks the photos a unit sends with a progress note or its resolution (办理照片), through the file
 * store like a report's photos (refusals name `photos[i]`); their EXIF is dropped. Nothing is written.
 */
export async function prepareHandlingPhotos(inputs: { data: string; filename?: string }[], config: Pick<Config, 'fileLimits'>): Promise<PreparedFile[]> {
  const raws = inputs.map((input, i) => decodeBase64(input.data, `photos[${i}]`));
  return prepareFiles(
    { config },
    { owner: WORK_ORDER_FILES, usage: 'handling', field: 'photos' },
    raws.map((data, i) => ({ data, filename: inputs[i]!.filename })),
  );
}

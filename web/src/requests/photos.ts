/** What the server accepts for a photo (CreateRequestBody.photos). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS = 6;
/**
 * A resident's report (no sign-in) carries at most 8 MB of photos (ANONYMOUS_PHOTO_BYTES); sent as
 * data URLs they grow by a third, so the picker keeps their own size under 5.5 MB together.
 */
export const ANONYMOUS_PHOTOS_TOTAL_BYTES = 5.5 * 1024 * 1024;

export interface PhotoInput {
  /** data: URL, as the API takes it. */
  data: string;
  filename: string;
  bytes: number;
}

export type PhotoProblem = { file: string; reason: 'type' | 'size' | 'read' | 'count' | 'total' };

export function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/**
 * Checks chosen files against the server's rules before any upload (JPEG/PNG/WebP, at most 5 MB,
 * at most 6 in all) and reads the good ones as data URLs. The original bytes are kept, so the
 * server can still read the photo's own GPS position (EXIF).
 */
export async function preparePhotos(
  files: readonly File[],
  already: readonly PhotoInput[],
  maxTotalBytes = Infinity,
): Promise<{ photos: PhotoInput[]; problems: PhotoProblem[] }> {
  const photos: PhotoInput[] = [];
  const problems: PhotoProblem[] = [];
  let total = already.reduce((n, p) => n + p.bytes, 0);
  for (const file of files) {
    if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) {
      problems.push({ file: file.name, reason: 'type' });
    } else if (file.size > MAX_PHOTO_BYTES) {
      problems.push({ file: file.name, reason: 'size' });
    } else if (already.length + photos.length >= MAX_PHOTOS) {
      problems.push({ file: file.name, reason: 'count' });
    } else if (total + file.size > maxTotalBytes) {
      problems.push({ file: file.name, reason: 'total' });
    } else {
      try {
        photos.push({ data: await readAsDataUrl(file), filename: file.name.slice(0, 200), bytes: file.size });
        total += file.size;
      } catch {
        problems.push({ file: file.name, reason: 'read' });
      }
    }
  }
  return { photos, problems };
}

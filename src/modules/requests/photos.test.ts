import { deflateSync, crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { AppError } from '../../platform/errors.js';
import { preparePhotos } from './photos.js';
import { client, intakeFixture, pointIn, SHANGHUANG, type Intake } from './test-fixtures.js';

// An 8×8 picture drawn on a canvas and saved by Chromium as JPEG (with its sRGB ICC profile) and WebP.
const JPEG = Buffer.from(
  [
    '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABh',
    'Y3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    'AAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAAB',
    'UAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAA',
    'AAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9Y',
    'WVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAM',
    'ZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQ',
    'FxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgo',
    'KCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/',
    'xAAbEAEAAAcAAAAAAAAAAAAAAAAAFSQxUWSBkf/EABUBAQEAAAAAAAAAAAAAAAAAAAUH/8QAHxEAAQQCAgMAAAAAAAAAAAAAAQIE',
    'EUESIgBRExQh/9oADAMBAAIRAxEAPwCMzkSxNW7UAE6dexholOKQnURMWe1GzfLY3b+DPcqyJP0zE0OgKHP/2Q==',
  ].join(''),
  'base64',
);
const WEBP = Buffer.from(
  [
    'UklGRkoCAABXRUJQVlA4WAoAAAAgAAAABwAABwAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABh',
    'Y3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    'AAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAAB',
    'UAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAA',
    'AAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9Y',
    'WVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAM',
    'ZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggXAAAANABAJ0BKggACAABQCYlqAJ0ugH4AAOw',
    'AP730GOtvzp//bp3tWAszaKLXJ9Ruhxz5KzkCP2EyLwo//cr/3Wb5/amFzF+I7/20U//Rc/pXOX9OH+MqfGVP+LmAAAA',
  ].join(''),
  'base64',
);

/** A PNG chunk: length, type, data, CRC. */
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** A 2×2 red RGB PNG, with extra chunks before IDAT if given. */
function png(extra: Buffer[] = []): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
  const rows = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...extra,
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const HTML = Buffer.from('<html><body><script>fetch("/api/v1/users").then(r=>r.text()).then(alert)</script></body></html>');
const b64 = (b: Buffer) => ({ data: b.toString('base64') });

/** The refusal preparePhotos throws, or undefined when it accepts. */
async function refusal(b: Buffer): Promise<AppError | undefined> {
  try {
    await preparePhotos([b64(JPEG), b64(b)]);
    return undefined;
  } catch (err) {
    return err as AppError;
  }
}

describe('photos are parsed to their end', () => {
  it('accepts real JPEG, PNG and WebP files and keeps the picture', async () => {
    const [j, p, w] = await preparePhotos([b64(JPEG), b64(png()), b64(WEBP)]);
    expect(j!.contentType).toBe('image/jpeg');
    expect(j!.data.subarray(-2).toString('hex')).toBe('ffd9');
    expect(j!.data.includes(Buffer.from('ICC_PROFILE'))).toBe(true); // colour kept
    expect(p!.contentType).toBe('image/png');
    expect(p!.data.equals(png())).toBe(true);
    expect(w!.contentType).toBe('image/webp');
    expect(w!.data.readUInt32LE(4) + 8).toBe(w!.data.length);
  });

  it('refuses an image with HTML after its end (PNG after IEND, JPEG after EOI, WebP after its RIFF size), naming the field', async () => {
    for (const polyglot of [Buffer.concat([png(), HTML]), Buffer.concat([JPEG, HTML]), Buffer.concat([WEBP, HTML])]) {
      const err = await refusal(polyglot);
      expect(err).toBeInstanceOf(AppError);
      expect(err!.code).toBe('VALIDATION_FAILED');
      expect(err!.details.field).toBe('photos[1]');
      expect(err!.message).toMatch(/^photos\[1\]: 不是完整有效的 (PNG|JPEG|WebP) 图片/);
    }
  });

  it('refuses magic bytes followed by anything else, a broken CRC, or a cut-off file', async () => {
    const magicThenHtml = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), HTML]);
    const jpegThenHtml = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00]), HTML]);
    const badCrc = png();
    badCrc.writeUInt8(badCrc.readUInt8(badCrc.length - 20) ^ 0xff, badCrc.length - 20); // inside IDAT
    for (const bad of [magicThenHtml, jpegThenHtml, badCrc, png().subarray(0, 40), JPEG.subarray(0, JPEG.length - 10), WEBP.subarray(0, 200)]) {
      expect((await refusal(bad))?.details.field).toBe('photos[1]');
    }
  });

  it('drops text a valid image carries inside (PNG tEXt, JPEG comment and EXIF), and an appended preview JPEG', async () => {
    const text = chunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), HTML]));
    const [p] = await preparePhotos([b64(png([text]))]);
    expect(p!.data.equals(png())).toBe(true);
    const com = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0, HTML.length + 2]), HTML]);
    const withComment = Buffer.concat([JPEG.subarray(0, 2), com, JPEG.subarray(2), JPEG]); // an MPF-style second JPEG after EOI
    const [j] = await preparePhotos([b64(withComment)]);
    expect(j!.data.includes(Buffer.from('<script'))).toBe(false);
    expect(j!.data.equals(JPEG)).toBe(true);
  });
});

let h: Harness;
let f: Intake;
let api: ReturnType<typeof client>;

describe('photos over HTTP', () => {
  beforeAll(async () => {
    h = await createHarness({ loginRateLimitPerMinute: 1000, anonymousRateLimitPerMinute: 1000 });
    f = await intakeFixture(h, ['county']);
    api = client(h, f.cookies);
  });
  afterAll(() => h?.close());

  it('a polyglot PNG from a resident is refused with 400 naming the field, and no order is made', async () => {
    const res = await api.post('/api/v1/public/requests', undefined, {
      description: '路灯坏了好几天了',
      privacyAcknowledged: true,
      photos: [b64(Buffer.concat([png(), HTML]))],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'photos[0]' } });
    const list = await api.get('/api/v1/work-orders', 'county');
    expect(list.json().total).toBe(0);
  });

  it('a stored photo is served with its exact type, nosniff and an inline file name', async () => {
    const res = await api.post('/api/v1/public/requests', undefined, {
      description: '路灯坏了好几天了',
      privacyAcknowledged: true,
      photos: [b64(png()), b64(JPEG)],
    });
    expect(res.statusCode, res.body).toBe(201);
    const order = (await api.get(`/api/v1/work-orders/${res.json().id}`, 'county')).json();
    for (const [i, type, ext] of [
      [0, 'image/png', 'png'],
      [1, 'image/jpeg', 'jpg'],
    ] as const) {
      const photo = await api.get(`/api/v1/work-orders/${order.id}/photos/${order.photos[i].id}`, 'county');
      expect(photo.statusCode).toBe(200);
      expect(photo.headers['content-type']).toBe(type);
      expect(photo.headers['x-content-type-options']).toBe('nosniff');
      expect(photo.headers['content-disposition']).toBe(`inline; filename="${order.photos[i].id}.${ext}"`);
    }
  });
});

describe('photos of the work (办理照片) on progress and 办结', () => {
  let g: Intake;
  let gapi: ReturnType<typeof client>;
  let id: string;

  beforeAll(async () => {
    h = await createHarness({ loginRateLimitPerMinute: 1000, anonymousRateLimitPerMinute: 1000 });
    g = await intakeFixture(h, ['grid', 'county']);
    gapi = client(h, g.cookies);
    const grid = g.grids.find((x) => x.villageCode === SHANGHUANG)!;
    const res = await gapi.post('/api/v1/requests', 'grid', { description: '巡查发现三组路灯杆倒伏，压住了排水沟', ...pointIn(grid) });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
  });
  afterAll(() => h?.close());

  const detail = async () => (await gapi.get(`/api/v1/work-orders/${id}`, 'grid')).json();

  it('offers neither progress nor 办结 before 签收, and both after', async () => {
    const before = await detail();
    expect(before.status).toBe('dispatched');
    expect(before.allowedActions).toContain('sign');
    expect(before.allowedActions).not.toContain('resolve');
    expect(before.allowedActions).not.toContain('progress');
    expect((await gapi.post(`/api/v1/work-orders/${id}/sign`, 'grid', {})).statusCode).toBe(200);
    const after = await detail();
    expect(after.allowedActions).toEqual(expect.arrayContaining(['progress', 'resolve']));
    expect(after.allowedActions).not.toContain('sign');
  });

  it('refuses a polyglot photo naming the field, and records nothing', async () => {
    const res = await gapi.post(`/api/v1/work-orders/${id}/progress`, 'grid', { note: '已到现场查看', photos: [b64(Buffer.concat([png(), HTML]))] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'photos[0]' } });
    expect((await detail()).timeline.map((e: { action: string }) => e.action)).not.toContain('progress');
  });

  it('keeps the photos of a progress note and of the resolution on their timeline entries, served like the report photos', async () => {
    const progress = await gapi.post(`/api/v1/work-orders/${id}/progress`, 'grid', { note: '已到现场，联系电力所', photos: [b64(png())] });
    expect(progress.statusCode, progress.body).toBe(200);
    const resolved = await gapi.post(`/api/v1/work-orders/${id}/resolve`, 'grid', {
      resolution: '路灯杆已扶正加固，排水沟已清通',
      photos: [b64(JPEG), b64(WEBP)],
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const d = await detail();
    expect(d.status).toBe('resolved');
    expect(d.photos).toEqual([]); // the report's own photos: none
    const entry = (action: string) => d.timeline.find((e: { action: string }) => e.action === action);
    expect(entry('progress').details.photos).toHaveLength(1);
    expect(entry('resolve').details.photos).toHaveLength(2);
    const [jpeg, webp] = entry('resolve').details.photos as string[];
    for (const [photoId, type] of [
      [entry('progress').details.photos[0], 'image/png'],
      [jpeg, 'image/jpeg'],
      [webp, 'image/webp'],
    ] as const) {
      const res = await gapi.get(`/api/v1/work-orders/${id}/photos/${photoId}`, 'county');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(type);
    }
    // Audited as the action it came with.
    const audit = await h.database.admin.query(`SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'work_order.%' ORDER BY seq`, [id]);
    expect(audit.rows.map((r) => (r as { action: string }).action)).toEqual(expect.arrayContaining(['work_order.progress', 'work_order.resolve']));
  });
});
